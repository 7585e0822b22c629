package org.peft4j.api;

/**
 * Version of this SPI. A plugin built against a different {@link #MAJOR} version is refused; minor
 * versions only add optional capabilities and stay compatible.
 */
public final class SpiVersion {

    /** Incompatible changes bump the major version. */
    public static final int MAJOR = 1;

    /** Compatible additions bump the minor version. */
    public static final int MINOR = 0;

    /** The version string plugins return from {@link PeftMethodProvider#spiVersion()}. */
    public static final String CURRENT = MAJOR + "." + MINOR;

    private SpiVersion() {}

    /**
     * Returns the major component of a {@code MAJOR.MINOR} version string.
     *
     * @param version a version such as {@code "1.0"}
     * @return its major number
     * @throws IllegalArgumentException if the string is not {@code MAJOR.MINOR}
     */
    public static int majorOf(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "SPI version '" + version + "' is not of the form MAJOR.MINOR", e);
        }
    }
}
