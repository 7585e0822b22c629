package org.peft4j.runtime.adapters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.api.SpiVersion;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointException;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.TestPlugins;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Adapter files and merged exports of a model with the test "gain" plugin. */
class AdapterFilesTest {

    private static final VitConfig CONFIG = new VitConfig("small", 16, 4, 32, 2, 2, 2, 3, 0f);
    private static final Map<String, String> TUNE_NORM = Map.of("init", "0.5", "tune_norm", "true");
    private static final Preprocessing IMAGENET = new Preprocessing(16, Normalization.IMAGENET, "bicubic", 0.9);

    @TempDir
    static Path work;

    private static MethodRegistry registry;
    private static NDManager manager;
    private static NDArray images;
    private static Path baseFile;
    private static String baseSha;

    @BeforeAll
    static void setUp() throws Exception {
        Path classes = TestPlugins.compile(work, List.of(TestPlugins.gain("test.gain", "gain")));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.jar(plugins.resolve("gain.jar"), classes, "test.gain", "test.gain.GainProvider");
        registry = MethodRegistry.discover(plugins);
        manager = NDManager.newBaseManager(Device.cpu());
        Engine.getInstance().setRandomSeed(11);
        images = manager.randomNormal(new Shape(2, 3, 16, 16));
        baseFile = work.resolve("base.safetensors");
        try (VisionTransformer base = VisionTransformer.create(CONFIG, Device.cpu())) {
            Checkpoints.save(base, baseFile, java.util.Map.of());
        }
        baseSha = Sha256.ofFile(baseFile);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
        registry.close();
    }

    /** A fresh backbone (other random init) with the base checkpoint loaded. */
    private static VisionTransformer base(VitConfig config) {
        Engine.getInstance().setRandomSeed(99);
        VisionTransformer vit = VisionTransformer.create(config, Device.cpu());
        Checkpoints.load(vit, SafetensorsFile.read(baseFile));
        return vit;
    }

    /** Attaches the gain method and sets every trainable tensor to random values. */
    private static PeftModel trained(VisionTransformer base, MethodInstance method) {
        PeftModel model = PeftModel.attach(base, method.method(), false);
        Random random = new Random(5);
        for (ModelParameter p : model.vit().parameters().where(ModelParameter::isTrainable)) {
            float[] values = new float[(int) p.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            p.array().set(values);
        }
        return model;
    }

    private static float[] logits(VisionTransformer vit) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }

    @Test
    void roundTripGivesIdenticalLogitsAndKeepsOnlyTrainableTensors() {
        MethodInstance method = registry.create("gain", TUNE_NORM);
        Path file = work.resolve("round-trip.safetensors");
        try (VisionTransformer vit = base(CONFIG)) {
            PeftModel model = trained(vit, method);
            float[] expected = logits(vit);
            AdapterFiles.save(file, model, method, baseSha, IMAGENET);
            try (VisionTransformer fresh = base(CONFIG)) {
                LoadedAdapter loaded = AdapterFiles.load(file, fresh, baseSha, registry, false);
                assertArrayEquals(expected, logits(loaded.model().vit()));
                assertEquals(method.hyperparameters(), loaded.method().hyperparameters());
            }
        }
        TensorArchive archive = SafetensorsFile.read(file);
        assertEquals(Set.of("gain.weight", "head.weight", "head.bias", "norm.weight", "norm.bias"),
                archive.tensors().keySet());
        assertEquals("{\"init\":0.5,\"tune_norm\":true}", archive.metadata().get("peft4j.hyperparameters"));
        AdapterMetadata metadata = AdapterFiles.readMetadata(file);
        assertEquals(new AdapterMetadata("gain", "1.0", SpiVersion.CURRENT, TUNE_NORM, baseSha, CONFIG, false, IMAGENET),
                metadata);
        Map<String, String> old = new java.util.LinkedHashMap<>(archive.metadata());
        old.remove(AdapterMetadata.KEY_PREPROCESSING);
        assertEquals(new Preprocessing(16, Normalization.NONE, "bicubic", 1.0),
                AdapterMetadata.parse(file, old).preprocessing(), "a file written before the field: the documented default");
        old.put(AdapterMetadata.KEY_PREPROCESSING, "{\"input_size\": 16}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> AdapterMetadata.parse(file, old));
        assertTrue(e.getMessage().contains("metadata 'peft4j.preprocessing': preprocessing {\"input_size\": 16} is not of the form"),
                e.getMessage());
    }

    @Test
    void otherBaseCheckpointIsRefusedUnlessForced() {
        Path file = saved("other-base.safetensors", "0".repeat(64));
        try (VisionTransformer fresh = base(CONFIG)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, fresh, baseSha, registry, false));
            assertTrue(e.getMessage().contains("0".repeat(64)) && e.getMessage().contains(baseSha), e.getMessage());
            assertTrue(e.getMessage().contains("--ignore-base-mismatch uses this base anyway"), e.getMessage());
            assertEquals(0, fresh.parameters().where(p -> !p.isBase()).size(), "nothing attached on refusal");
            LoadedAdapter forced = AdapterFiles.load(file, fresh, baseSha, registry, true);
            assertEquals(List.of("gain.weight"), forced.model().addedParameters());
        }
    }

    @Test
    void missingAndUnexpectedTensorsAreNamedAndTheBaseIsLeftPlain() {
        Path file = rewritten(saved("names.safetensors", baseSha), tensors -> {
            tensors.remove("gain.weight");
            tensors.put("extra.weight", manager.zeros(new Shape(2)));
        }, metadata -> { });
        try (VisionTransformer fresh = base(CONFIG)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, fresh, baseSha, registry, false));
            assertTrue(e.getMessage().contains("missing tensors [gain.weight]"), e.getMessage());
            assertTrue(e.getMessage().contains("unexpected tensors [extra.weight]"), e.getMessage());
            assertEquals(0, fresh.parameters().where(p -> !p.isBase()).size(), "the method is detached again");
            assertEquals(fresh.parameters().count(p -> p.name().startsWith("head.")), fresh.trainableParameters());
        }
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes() {
        Path file = rewritten(saved("shape.safetensors", baseSha),
                tensors -> tensors.put("gain.weight", manager.ones(new Shape(5))), metadata -> { });
        try (VisionTransformer fresh = base(CONFIG)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, fresh, baseSha, registry, false));
            assertTrue(e.getMessage().contains("tensor 'gain.weight' has shape (5)"), e.getMessage());
            assertTrue(e.getMessage().contains("expects (32)"), e.getMessage());
        }
    }

    @Test
    void unknownMethodIsAClearError() {
        Path file = rewritten(saved("unknown.safetensors", baseSha), tensors -> { },
                metadata -> metadata.put("peft4j.method", "lora"));
        try (VisionTransformer fresh = base(CONFIG)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, fresh, baseSha, registry, false));
            assertTrue(e.getMessage().contains("unknown method 'lora'; known methods: gain"), e.getMessage());
        }
    }

    @Test
    void headIsRecreatedForTheAdaptersClassCount() {
        Path file = saved("classes.safetensors", baseSha);
        try (VisionTransformer fresh = base(CONFIG.withClasses(7))) {
            AdapterFiles.load(file, fresh, baseSha, registry, false);
            assertEquals(new Shape(3, 32), fresh.parameters().get("head.weight").array().getShape());
        }
    }

    @Test
    void otherArchitectureIsRefused() {
        Path file = saved("architecture.safetensors", baseSha);
        Engine.getInstance().setRandomSeed(1);
        try (VisionTransformer wide = VisionTransformer.create(new VitConfig("wide", 16, 4, 64, 2, 2, 2, 3, 0f), Device.cpu())) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, wide, baseSha, registry, false));
            assertTrue(e.getMessage().contains("dim 32") && e.getMessage().contains("dim 64"), e.getMessage());
        }
    }

    /** A real adapter file whose metadata's model configuration is edited. */
    private static Path withModel(String name, String from, String to) {
        Path file = saved(name, baseSha);
        TensorArchive archive = SafetensorsFile.read(file);
        Map<String, String> metadata = new java.util.LinkedHashMap<>(archive.metadata());
        String model = metadata.get("peft4j.model");
        assertTrue(model.contains(from), model);
        metadata.put("peft4j.model", model.replace(from, to));
        Path edited = work.resolve("edited-" + name);
        SafetensorsFile.writeRaw(edited, archive.tensors(), metadata);
        return edited;
    }

    @Test
    void metadataThatWouldSizeAHugeBackboneIsRefusedBeforeAllocating() {
        Path classes = withModel("bomb.safetensors", "\"numClasses\":3", "\"numClasses\":50000000");
        CheckpointException e = assertThrows(CheckpointException.class, () -> AdapterFiles.readMetadata(classes));
        assertTrue(e.getMessage().contains("declares a backbone of 50000000 classes, above the limit of 100000 "
                + "(data.max_classes)"), e.getMessage());
        try (VisionTransformer fresh = base(CONFIG)) {
            assertThrows(CheckpointException.class, () -> AdapterFiles.load(classes, fresh, baseSha, registry, false));
            assertEquals(new Shape(3, 32), fresh.parameters().get("head.weight").array().getShape());
        }
        Path wide = withModel("wide.safetensors", "\"dim\":32", "\"dim\":1048576");
        e = assertThrows(CheckpointException.class, () -> AdapterFiles.readMetadata(wide));
        assertTrue(e.getMessage().contains("declares a backbone of dim 1048576"), e.getMessage());
    }

    @Test
    void aClassCountThatDisagreesWithTheSavedHeadIsRefusedBeforeResizing() {
        Path file = withModel("head.safetensors", "\"numClasses\":3", "\"numClasses\":9");
        try (VisionTransformer fresh = base(CONFIG)) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> AdapterFiles.load(file, fresh, baseSha, registry, false));
            assertTrue(e.getMessage().contains("metadata declares 9 classes, so tensor 'head.weight' should have shape "
                    + "(9, 32), but it has (3, 32)"), e.getMessage());
            assertEquals(new Shape(3, 32), fresh.parameters().get("head.weight").array().getShape());
        }
    }

    @Test
    void baseCheckpointIsNotAnAdapter() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> AdapterFiles.readMetadata(baseFile));
        assertTrue(e.getMessage().contains("is not a peft4j adapter"), e.getMessage());
    }

    @Test
    void savingWithAnotherInstanceIsRefused() {
        try (VisionTransformer vit = base(CONFIG)) {
            PeftModel model = trained(vit, registry.create("gain", Map.of()));
            MethodInstance other = registry.create("gain", Map.of());
            assertThrows(IllegalArgumentException.class,
                    () -> AdapterFiles.save(work.resolve("wrong.safetensors"), model, other, baseSha, IMAGENET));
        }
    }

    @Test
    void mergedExportIsAPlainCheckpointWithTheSameFunction() {
        Path file = work.resolve("merged.safetensors");
        float[] expected;
        try (VisionTransformer vit = base(CONFIG)) {
            PeftModel model = trained(vit, registry.create("gain", TUNE_NORM));
            expected = logits(vit);
            AdapterFiles.exportMerged(model, file, IMAGENET);
            assertEquals(Set.of(), Set.copyOf(model.addedParameters()));
        }
        TensorArchive archive = SafetensorsFile.read(file);
        assertEquals(IMAGENET, AdapterMetadata.preprocessing(file, archive.metadata(), CONFIG));
        try (VisionTransformer plain = base(CONFIG)) {
            assertEquals(plain.parameters().where(ModelParameter::isBase).stream().map(ModelParameter::name).toList(),
                    List.copyOf(archive.tensors().keySet()));
            Checkpoints.load(plain, archive);
            float[] actual = logits(plain);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5f, "logit " + i);
            }
        }
    }

    /** Saves a trained gain adapter recording the given base SHA-256. */
    private static Path saved(String name, String recordedSha) {
        MethodInstance method = registry.create("gain", TUNE_NORM);
        Path file = work.resolve(name);
        try (VisionTransformer vit = base(CONFIG)) {
            AdapterFiles.save(file, trained(vit, method), method, recordedSha, IMAGENET);
        }
        return file;
    }

    /** Rewrites a file with edited tensors and metadata. */
    private static Path rewritten(Path file, Consumer<Map<String, NDArray>> editTensors, Consumer<Map<String, String>> editMetadata) {
        TensorArchive archive = SafetensorsFile.read(file);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, RawTensor> e : archive.tensors().entrySet()) {
            tensors.put(e.getKey(), e.getValue().toNDArray(manager));
        }
        Map<String, String> metadata = new LinkedHashMap<>(archive.metadata());
        editTensors.accept(tensors);
        editMetadata.accept(metadata);
        SafetensorsFile.write(file, tensors, metadata);
        return file;
    }
}
