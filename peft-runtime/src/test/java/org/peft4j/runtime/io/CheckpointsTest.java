package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Loading timm-named checkpoints: exact round trips, the head rules and every kind of misfit. */
class CheckpointsTest {

    private static final VitConfig TINY = VitConfig.preset("vit-tiny", 10);

    @TempDir
    static Path dir;

    private static VisionTransformer saved;
    private static Path file;
    private static NDManager manager;

    @BeforeAll
    static void save() {
        manager = NDManager.newBaseManager(Device.cpu());
        saved = model(TINY, 1);
        file = dir.resolve("tiny.safetensors");
        Checkpoints.save(saved, file, Map.of("model", "vit-tiny"));
    }

    @AfterAll
    static void close() {
        saved.close();
        manager.close();
    }

    private static VisionTransformer model(VitConfig config, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(config, Device.cpu());
    }

    @Test
    void savedModelsLoadBackToIdenticalLogits() {
        try (VisionTransformer loaded = model(TINY, 2); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            CheckpointFile checkpoint = Checkpoints.load(loaded, file);
            assertEquals("vit-tiny", checkpoint.tensors().metadata().get("model"));
            assertEquals(CheckpointReader.sha256(file), checkpoint.sha256());
            for (ModelParameter p : saved.parameters().all()) {
                assertArrayEquals(p.array().toFloatArray(), loaded.parameters().get(p.name()).array().toFloatArray(), p.name());
            }
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 32, 32));
            assertArrayEquals(saved.forward(images, false).toFloatArray(), loaded.forward(images, false).toFloatArray());
        }
    }

    @Test
    void theLoadedHeadStaysATrainableLeaf() {
        try (VisionTransformer loaded = model(TINY, 2); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Checkpoints.load(loaded, file);
            NDArray head = loaded.parameters().get("head.weight").array();
            assertTrue(head.hasGradient());
            TrainStep.forwardBackward(loaded, manager.randomUniform(0f, 1f, new Shape(2, 3, 32, 32)),
                    manager.create(new long[] {1, 7}), 1f);
            assertTrue(head.getGradient().abs().sum().getFloat() > 0, "the head receives a gradient");
        }
    }

    @Test
    void aHeadForAnotherClassCountIsNotLoaded() {
        try (VisionTransformer fiveClasses = model(TINY.withClasses(5), 2)) {
            float[] freshHead = fiveClasses.parameters().get("head.weight").array().toFloatArray();
            Checkpoints.load(fiveClasses, file);
            assertArrayEquals(freshHead, fiveClasses.parameters().get("head.weight").array().toFloatArray());
            assertArrayEquals(saved.parameters().get("norm.weight").array().toFloatArray(),
                    fiveClasses.parameters().get("norm.weight").array().toFloatArray());
        }
    }

    @Test
    void missingKeysAreListedSortedAndNothingIsLoaded() {
        try (VisionTransformer target = model(TINY, 2)) {
            float[] before = target.parameters().get("norm.weight").array().toFloatArray();
            String message = failure(target, t -> {
                t.remove("blocks.1.norm1.weight");
                t.remove("blocks.0.mlp.fc2.bias");
                t.remove("head.weight");
            });
            assertTrue(message.contains("does not fit vit-tiny; missing keys [blocks.0.mlp.fc2.bias, blocks.1.norm1.weight]"),
                    message);
            assertArrayEquals(before, target.parameters().get("norm.weight").array().toFloatArray());
        }
    }

    @Test
    void unexpectedKeysAreListedSorted() {
        try (VisionTransformer target = model(TINY, 2)) {
            String message = failure(target, t -> {
                t.put("zeta.weight", scalar());
                t.put("alpha.bias", scalar());
                t.put("pre_logits.fc.weight", scalar());
            });
            assertTrue(message.contains("unexpected keys [alpha.bias, zeta.weight]"), message);
            assertFalse(message.contains("pre_logits"), message);
        }
    }

    @Test
    void shapeMismatchesNameKeyExpectedAndFound() {
        try (VisionTransformer target = model(TINY, 2)) {
            String message = failure(target, t -> t.put("blocks.0.mlp.fc1.bias", RawTensor.of(manager.zeros(new Shape(10)))));
            assertTrue(message.contains("shape mismatches ['blocks.0.mlp.fc1.bias': the model expects (768), the file has (10)]"),
                    message);
        }
    }

    @Test
    void integerTensorsAreRejected() {
        try (VisionTransformer target = model(TINY, 2)) {
            String message = failure(target, t -> t.put("norm.bias",
                    new RawTensor(DataType.INT32, new Shape(192), ByteBuffer.allocate(192 * 4))));
            assertTrue(message.contains("'norm.bias' has dtype int32, weights must be floating point"), message);
        }
    }

    @Test
    void aCheckpointOfAnotherPresetIsNamedAsSuch() {
        VitConfig narrower = new VitConfig("custom", 32, 4, 96, 6, 3, 4, 10, 0f);
        try (VisionTransformer target = model(narrower, 2)) {
            String message = failure(target, t -> { });
            assertTrue(message.contains("this is a checkpoint of another model: it holds a ViT with dim 192, depth 6, "
                    + "patch 4, 65 positions, MLP 768 (like vit-tiny), but custom has dim 96, depth 6, patch 4, 65 positions, "
                    + "MLP 384"), message);
        }
    }

    private static String failure(VisionTransformer target, Consumer<Map<String, RawTensor>> edit) {
        Map<String, RawTensor> tensors = new LinkedHashMap<>(SafetensorsFile.read(file).tensors());
        edit.accept(tensors);
        TensorArchive archive = new TensorArchive(file, tensors, Map.of());
        return assertThrows(CheckpointException.class, () -> Checkpoints.load(target, archive)).getMessage();
    }

    private static RawTensor scalar() {
        return RawTensor.of(manager.create(1f));
    }
}
