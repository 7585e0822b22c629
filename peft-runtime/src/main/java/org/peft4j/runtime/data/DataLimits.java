package org.peft4j.runtime.data;

import java.util.Objects;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;

/**
 * Bounds on what a data set received from others may make the readers allocate: pixels per image
 * (checked from the file's header, before decoding) and classes (checked on every list line). One
 * instance is in force per process; a program installs the one of its configuration.
 *
 * @param maxPixels the most pixels (width × height) of one image, {@code data.max_pixels}
 * @param maxClasses the most classes a list's labels may imply, {@code data.max_classes}
 */
public record DataLimits(long maxPixels, int maxClasses) {

    /** 64 megapixels and 100,000 classes, the defaults of {@code peft-defaults.properties}. */
    public static final DataLimits DEFAULT = new DataLimits(64L << 20, 100_000);

    private static volatile DataLimits current = DEFAULT;

    /** Checks the bounds. */
    public DataLimits {
        if (maxPixels < 1 || maxClasses < 1) {
            throw new IllegalArgumentException("data limits must be positive, got " + maxPixels + " pixels and "
                    + maxClasses + " classes");
        }
    }

    /**
     * The limits of a configuration.
     *
     * @param config the configuration
     * @return its {@code data.max_pixels} and {@code data.max_classes}
     */
    public static DataLimits of(PeftConfig config) {
        return new DataLimits(config.get(Settings.DATA_MAX_PIXELS), config.get(Settings.DATA_MAX_CLASSES));
    }

    /** @return the limits in force, {@link #DEFAULT} until others are installed */
    public static DataLimits current() {
        return current;
    }

    /**
     * Puts limits in force for every reader of this process.
     *
     * @param limits the limits
     * @return the limits in force before, to restore them
     */
    public static DataLimits install(DataLimits limits) {
        DataLimits before = current;
        current = Objects.requireNonNull(limits, "limits");
        return before;
    }
}
