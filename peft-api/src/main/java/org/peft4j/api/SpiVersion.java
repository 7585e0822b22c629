package org.peft4j.api;

/**
 * Version of this SPI. A plugin built against a different {@link #MAJOR} version is refused; minor
 * versions only add optional capabilities and stay compatible.
 *
 * <p>History: 1.0, the first SPI. 2.0: {@code PeftHost.referenceCompat()} and
 * {@code MergeTarget.referenceCompat()} are replaced by the optional {@link ReferenceCompat}
 * capability ({@link Capabilities#capability}); new site {@link Site#MLP_HIDDEN}; typed enum
 * choices ({@link Hyperparameter#choice(String, Class, Enum, String)},
 * {@link Hyperparameters#choice(String, Class)}). Plugins built for 1.x must be rebuilt. 2.1: the optional
 * {@link HfPeftForm} capability of methods.
 */
public final class SpiVersion {

    /** Incompatible changes bump the major version. */
    public static final int MAJOR = 2;

    /** Compatible additions bump the minor version. */
    public static final int MINOR = 1;

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
