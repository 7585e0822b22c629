package org.peft4j.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** The backbone shipped in the JAR: its digest is the documented one and it fits the preset. */
class ShippedBackboneTest {

    @TempDir
    Path cache;

    @Test
    void theExtractedCheckpointHasTheDocumentedDigest() throws Exception {
        Path file = new EmbeddedBenchmark(cache, 1).checkpoint();
        assertEquals(cache.resolve(EmbeddedBenchmark.CHECKPOINT_FILE), file);
        assertEquals(EmbeddedBenchmark.CHECKPOINT_SHA256, Sha256.ofFile(file));
        assertTrue(Files.size(file) < 4 << 20, "a few MB at most: " + Files.size(file));
        String doc = Files.readString(Path.of("..", "docs", "embedded-benchmark.md"));
        assertTrue(doc.contains(EmbeddedBenchmark.CHECKPOINT_SHA256), "docs/embedded-benchmark.md names the SHA-256");
    }

    @Test
    void aDamagedExtractedCopyIsReplaced() throws Exception {
        EmbeddedBenchmark bench = new EmbeddedBenchmark(cache, 1);
        Path file = bench.checkpoint();
        Files.write(file, new byte[] {0, 1, 2});
        assertEquals(EmbeddedBenchmark.CHECKPOINT_SHA256, Sha256.ofFile(bench.checkpoint()));
    }

    @Test
    void itLoadsIntoThePresetAndKeepsAFreshHeadForTheTaskClasses() {
        Path file = new EmbeddedBenchmark(cache, 1).checkpoint();
        VitConfig config = VitConfig.preset(EmbeddedBenchmark.MODEL_PRESET, 6);
        try (VisionTransformer vit = VisionTransformer.create(config, Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            float[] freshHead = vit.parameters().get("head.weight").array().toFloatArray();
            CheckpointFile checkpoint = Checkpoints.load(vit, file);
            assertEquals(EmbeddedBenchmark.CHECKPOINT_SHA256, checkpoint.sha256());
            assertEquals("vit-micro", checkpoint.tensors().metadata().get("model"));
            assertEquals("32", checkpoint.tensors().metadata().get("upstream_classes"));
            for (String name : new String[] {"patch_embed.proj.weight", "blocks.3.mlp.fc2.weight", "norm.bias"}) {
                assertArrayEquals(checkpoint.tensors().get(name).toNDArray(manager).toFloatArray(),
                        vit.parameters().get(name).array().toFloatArray(), name);
            }
            assertArrayEquals(freshHead, vit.parameters().get("head.weight").array().toFloatArray(),
                    "the 32-class upstream head does not fit 6 classes");
            assertEquals(config.shape().backboneParameters(), vit.backboneParameters());
        }
    }
}
