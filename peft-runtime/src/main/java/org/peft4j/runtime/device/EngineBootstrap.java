package org.peft4j.runtime.device;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * Starts DJL's PyTorch engine offline and turns its failures to find or load the native library
 * into a message that says which JAR is missing and what to do.
 */
public final class EngineBootstrap {

    /** The engine peft4j runs on. */
    public static final String ENGINE = "PyTorch";

    private EngineBootstrap() {}

    /**
     * Keeps DJL offline (see {@link #keepOffline}) and starts the PyTorch engine.
     *
     * @return the started engine
     * @throws NativeLibraryException if the engine, its JNI library or the native library is missing
     *     or cannot be loaded on this machine
     */
    public static Engine start() {
        keepOffline();
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw explain(e, System.getProperty("os.name"), System.getProperty("os.arch"));
        }
    }

    /**
     * Fixes the engine's intra-op threads (and one inter-op thread unless already set). Effective
     * only before the engine starts.
     *
     * @param intraOp intra-op threads; 0 keeps {@code ai.djl.pytorch.num_threads} if already set
     *     (as the {@code ./peft} launcher does), else one per core
     */
    public static void threads(int intraOp) {
        if (intraOp > 0 || System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int threads = intraOp > 0 ? intraOp : Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /**
     * Explains a failure to start the engine.
     *
     * @param failure what DJL threw
     * @param osName the {@code os.name} of the machine
     * @param osArch the {@code os.arch} of the machine
     * @return the exception to throw
     */
    static NativeLibraryException explain(Throwable failure, String osName, String osArch) {
        Properties versions = engineVersions();
        String pytorch = versions.getProperty("pytorch_version", "the version DJL " + Engine.getDjlVersion() + " expects");
        String djl = versions.getProperty("djl_version", Engine.getDjlVersion());
        String platform = platform(osName, osArch);
        String causes = causes(failure);
        String what;
        if (causes.contains("engine not found")) {
            what = "DJL's PyTorch engine is not on the class path: add ai.djl.pytorch:pytorch-engine:" + djl;
        } else if (causes.contains("jni files")) {
            what = "the DJL JNI library for PyTorch " + pytorch + " is missing: add ai.djl.pytorch:pytorch-jni:"
                    + pytorch + "-" + djl + " to the class path";
        } else if (failure instanceof UnsatisfiedLinkError || causes.contains("unsatisfiedlinkerror")) {
            what = "the PyTorch native library was found but cannot be loaded on this " + platform + " machine ("
                    + failure.getMessage() + "); use the pytorch-native-cpu JAR whose classifier matches the machine";
        } else {
            what = "the PyTorch native library (libtorch " + pytorch + ") for " + platform + " is missing: add "
                    + "ai.djl.pytorch:pytorch-native-cpu:" + pytorch + " with classifier " + platform
                    + " to the class path (the ./peft launcher and the Maven build do so)";
        }
        return new NativeLibraryException("Cannot start PyTorch: " + what + ". peft4j runs DJL offline "
                + "(ai.djl.offline=true), so nothing is downloaded. DJL said: " + failure.getMessage(), failure);
    }

    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * DJL's classifier for a machine.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @return e.g. {@code linux-x86_64}, {@code osx-aarch64}, {@code win-x86_64}
     */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") ? "osx" : os.startsWith("win") ? "win" : os.replaceAll("\\s+", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> osArch;
        };
        return system + "-" + arch;
    }

    private static Properties engineVersions() {
        Properties p = new Properties();
        try (InputStream in = EngineBootstrap.class.getResourceAsStream("/pytorch-engine.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the versions only make the message more precise
        }
        return p;
    }

    /**
     * Sets {@code ai.djl.offline=true} unless the property was set explicitly (the launcher sets
     * it to false only when asked to fetch a CUDA libtorch).
     */
    public static void keepOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
