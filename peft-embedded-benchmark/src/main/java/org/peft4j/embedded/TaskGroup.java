package org.peft4j.embedded;

/** The VTAB task groups that the built-in tasks stand in for. */
public enum TaskGroup {
    /** Natural-image-like recognition: object and texture categories. */
    NATURAL,
    /** Specialised imaging (medical, remote sensing): fine patterns in noisy, stained scenes. */
    SPECIALIZED,
    /** Scene structure: counting, orientation, layout. */
    STRUCTURED
}
