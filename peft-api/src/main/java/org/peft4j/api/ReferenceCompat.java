package org.peft4j.api;

/**
 * Capability offered by the runtime when the study's {@code reference-compat} switch asks for the
 * reference implementation's behaviour instead of the papers' (see {@code docs/differences.md} and
 * {@code docs/methods.md#reference-defects}). Methods that behave differently in that mode ask for
 * it with {@link #requestedBy}; plugins that follow the papers only can ignore it.
 */
public final class ReferenceCompat {

    /** The capability, as the runtime hands it out. */
    public static final ReferenceCompat INSTANCE = new ReferenceCompat();

    private ReferenceCompat() {}

    /**
     * Whether the reference implementation's behaviour is requested.
     *
     * @param capabilities a {@link PeftHost} or {@link MergeTarget}
     * @return true when the capability is offered
     */
    public static boolean requestedBy(Capabilities capabilities) {
        return capabilities.capability(ReferenceCompat.class).isPresent();
    }
}
