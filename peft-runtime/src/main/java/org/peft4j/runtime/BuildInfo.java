package org.peft4j.runtime;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where this peft4j came from: its version and the git commit it was built from (and whether the
 * tree had uncommitted changes), written into {@code build.properties} by the Maven build; "unknown"
 * where the build had no git (a source tarball).
 *
 * @param version the peft4j version, or "development build"
 * @param commit the full git commit, or {@value #UNKNOWN}
 * @param dirty "true" when tracked files differed from the commit, "false", or {@value #UNKNOWN}
 */
public record BuildInfo(String version, String commit, String dirty) {

    /** What is not known. */
    public static final String UNKNOWN = "unknown";

    /** The resource the build writes. */
    static final String RESOURCE = "build.properties";

    private static final BuildInfo CURRENT = read(BuildInfo.class.getResourceAsStream(RESOURCE));

    /**
     * This build.
     *
     * @return the provenance of the classes running
     */
    public static BuildInfo current() {
        return CURRENT;
    }

    /**
     * Reads {@code build.properties}.
     *
     * @param in the resource, or null when the build did not write it
     * @return its provenance; "development build" and {@value #UNKNOWN} for what it lacks
     */
    static BuildInfo read(InputStream in) {
        Properties p = new Properties();
        if (in != null) {
            try (in) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        return new BuildInfo(version != null ? version : p.getProperty("version", "development build"),
                p.getProperty("commit", UNKNOWN), p.getProperty("dirty", UNKNOWN));
    }

    /**
     * The libtorch version of DJL's PyTorch engine.
     *
     * @return e.g. "2.7.1", or {@value #UNKNOWN} when the engine cannot be loaded
     */
    public static String libtorchVersion() {
        try {
            return Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return UNKNOWN;
        }
    }

    /**
     * The build in words.
     *
     * @return e.g. "peft4j 0.1.0 (commit 1a2b3c4d5e6f, dirty)"
     */
    public String describe() {
        return describe(version, commit, dirty);
    }

    /**
     * A build in words, from its parts (null parts are {@value #UNKNOWN}).
     *
     * @param version the version
     * @param commit the commit
     * @param dirty "true", "false" or unknown
     * @return e.g. "peft4j 0.1.0 (commit 1a2b3c4d5e6f, dirty)"
     */
    public static String describe(String version, String commit, String dirty) {
        String c = commit == null || commit.equals(UNKNOWN) ? "commit unknown"
                : "commit " + commit.substring(0, Math.min(12, commit.length()));
        String d = "true".equals(dirty) ? ", dirty" : "false".equals(dirty) ? "" : ", tree state unknown";
        return "peft4j " + (version == null ? UNKNOWN : version) + " (" + c + d + ")";
    }
}
