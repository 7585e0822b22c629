package org.peft4j.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the engine offline, and the messages for each missing piece. */
class EngineBootstrapTest {

    @TempDir
    Path cache;

    @Test
    void startsPyTorchOffline() {
        Engine engine = EngineBootstrap.start();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void aMissingNativeLibraryNamesTheJarAndItsClassifier() {
        EngineException djl = new EngineException("Failed to save pytorch index file",
                new IOException("Offline mode is enabled."));
        String message = EngineBootstrap.explain(djl, "Linux", "amd64").getMessage();
        assertTrue(message.startsWith("Cannot start PyTorch: the PyTorch native library (libtorch 2.7.1) for "
                + "linux-x86_64 is missing: add ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier linux-x86_64 "
                + "to the class path"), message);
        assertTrue(message.contains("ai.djl.offline=true"), message);
        assertTrue(EngineBootstrap.explain(djl, "Mac OS X", "aarch64").getMessage().contains("classifier osx-aarch64"));
    }

    @Test
    void otherMissingPiecesAreNamed() {
        String jni = EngineBootstrap.explain(new EngineException("Cannot download jni files: https://...", null),
                "Linux", "amd64").getMessage();
        assertTrue(jni.contains("add ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 to the class path"), jni);
        String engine = EngineBootstrap.explain(new IllegalArgumentException("Deep learning engine not found: PyTorch"),
                "Linux", "amd64").getMessage();
        assertTrue(engine.contains("add ai.djl.pytorch:pytorch-engine:0.36.0"), engine);
        String link = EngineBootstrap.explain(new UnsatisfiedLinkError("libtorch.so: GLIBC_2.29 not found"),
                "Linux", "amd64").getMessage();
        assertTrue(link.contains("found but cannot be loaded on this linux-x86_64 machine (libtorch.so: GLIBC_2.29"), link);
    }

    @Test
    void aJvmWithoutTheNativeJarGetsTheExplanation() throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNative = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", withoutNative, BootstrapProbe.class.getName()).redirectErrorStream(true);
        // an empty DJL cache, so that no libtorch extracted earlier can be found
        builder.environment().put("DJL_CACHE_DIR", cache.toString());
        builder.environment().put("ENGINE_CACHE_DIR", cache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, process.waitFor(), output);
        assertTrue(output.contains("Cannot start PyTorch: the PyTorch native library (libtorch 2.7.1) for linux-x86_64 "
                + "is missing: add ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier linux-x86_64"), output);
    }
}
