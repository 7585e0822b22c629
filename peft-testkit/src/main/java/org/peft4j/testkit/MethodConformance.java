package org.peft4j.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.LoadedAdapter;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The conformance checks of one PEFT method, run on small real ViTs. Each public method is one
 * check that fails with an assertion error explaining what is wrong; checks of optional
 * capabilities ({@link ClosedFormCount}, {@link Mergeable}) are skipped for methods without them.
 * Run them through {@link PeftMethodConformanceTest} or, for many providers, through
 * {@link #tests()} in a JUnit {@code @TestFactory}.
 */
public final class MethodConformance {

    /** vit-tiny and a 2-block ViT of another width and head count. */
    public static final List<VitConfig> DEFAULT_BACKBONES = List.of(
            VitConfig.preset("vit-tiny", 10), new VitConfig("two-block", 16, 4, 96, 2, 4, 4, 5, 0f));

    private static final int TRAIN_STEPS = 3;
    private static final float LEARNING_RATE = 1e-3f;
    private static final double MERGE_TOLERANCE = 1e-5;
    private static final double PERTURBATION_EFFECT = 1e-3;

    private final PeftMethodProvider provider;
    private final Map<String, String> hyperparameters;
    private final List<VitConfig> backbones;

    /**
     * Checks a method with its default hyperparameters on {@link #DEFAULT_BACKBONES}.
     *
     * @param provider the method's provider
     */
    public MethodConformance(PeftMethodProvider provider) {
        this(provider, Map.of(), DEFAULT_BACKBONES);
    }

    /**
     * Checks a method with the given hyperparameters on the given backbones.
     *
     * @param provider the method's provider
     * @param hyperparameters text values to create the method with; missing ones take defaults
     * @param backbones architectures to test on; use at least two shapes
     */
    public MethodConformance(PeftMethodProvider provider, Map<String, String> hyperparameters, List<VitConfig> backbones) {
        this.provider = provider;
        this.hyperparameters = Map.copyOf(hyperparameters);
        this.backbones = List.copyOf(backbones);
    }

    /**
     * Every check as a dynamic test, for a {@code @TestFactory}.
     *
     * @return the tests, in the order of this class's check methods
     */
    public List<DynamicTest> tests() {
        return List.of(
                dynamicTest("describes itself compatibly", this::describesItselfCompatibly),
                dynamicTest("frozen parameters stay fixed and trainable ones change",
                        this::frozenParametersStayFixedAndTrainableOnesChange),
                dynamicTest("only declared parameters are trainable", this::onlyDeclaredParametersAreTrainable),
                dynamicTest("closed-form count matches counted parameters",
                        this::closedFormCountMatchesCountedParameters),
                dynamicTest("save and load give identical logits", this::saveAndLoadGiveIdenticalLogits),
                dynamicTest("merged model matches unmerged", this::mergedModelMatchesUnmerged),
                dynamicTest("hyperparameter validation rejects bad values",
                        this::hyperparameterValidationRejectsBadValues));
    }

    /**
     * The runtime accepts the provider (SPI version, unique valid name), it describes itself, the
     * test hyperparameters are valid, and every point of its default grid creates a method.
     */
    public void describesItselfCompatibly() {
        try (MethodRegistry registry = MethodRegistry.of(provider)) {
            assertEquals(List.of(), registry.problems(), "the runtime refuses the provider");
        }
        assertFalse(provider.description() == null || provider.description().isBlank(), "description() is blank");
        assertFalse(provider.citation() == null || provider.citation().isBlank(), "citation() is blank");
        HyperparameterSchema schema = provider.schema();
        assertDoesNotThrow(() -> schema.validate(hyperparameters), "the hyperparameters to test with are invalid");
        for (Hyperparameters point : schema.defaultGrid()) {
            assertNotNull(provider.create(point), "create(" + point + ") returned null");
        }
    }

    /**
     * During {@value #TRAIN_STEPS} AdamW steps without weight decay, frozen parameters get no
     * gradient and stay bit-identical, and every trainable parameter changes (so it receives a
     * gradient: the forward pass uses it).
     */
    public void frozenParametersStayFixedAndTrainableOnesChange() {
        forEachBackbone((registry, config, vit, manager) -> {
            PeftModel model = attach(registry, vit);
            List<ModelParameter> trainable = vit.parameters().where(ModelParameter::isTrainable);
            List<ModelParameter> frozen = vit.parameters().where(p -> !p.isTrainable());
            Map<String, float[]> before = Models.snapshot(vit);
            AdamW adamw = AdamW.standard(trainable);
            NDArray images = Models.images(manager, config, 1);
            NDArray labels = Models.labels(manager, config);
            for (int step = 0; step < TRAIN_STEPS; step++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    TrainStep.forwardBackward(model.vit(), images, labels, 1f);
                    for (ModelParameter p : frozen) {
                        assertFalse(p.array().hasGradient(), at(config, p) + " is frozen but has a gradient");
                    }
                    adamw.step(LEARNING_RATE, 0f);
                }
            }
            Map<String, float[]> after = Models.snapshot(vit);
            for (ModelParameter p : frozen) {
                assertTrue(Arrays.equals(before.get(p.name()), after.get(p.name())), at(config, p) + " is frozen but changed");
            }
            for (ModelParameter p : trainable) {
                assertFalse(Arrays.equals(before.get(p.name()), after.get(p.name())), at(config, p)
                        + " is trainable but did not change in " + TRAIN_STEPS
                        + " AdamW steps: it gets no gradient (does the forward pass use it?)");
            }
        });
    }

    /**
     * Every parameter the method created is trainable and outside the head; every base parameter
     * is trainable exactly if it is in the head or the method selected it; attaching changes no
     * base value and removes no base parameter.
     */
    public void onlyDeclaredParametersAreTrainable() {
        forEachBackbone((registry, config, vit, manager) -> {
            Map<String, float[]> base = Models.snapshot(vit);
            PeftModel model = attach(registry, vit);
            Set<String> created = new HashSet<>(model.addedParameters());
            for (ModelParameter p : vit.parameters().all()) {
                if (created.contains(p.name())) {
                    assertTrue(!p.isBase() && p.isTrainable(), at(config, p) + " was created by the method but is frozen");
                    assertFalse(p.name().startsWith("head."), at(config, p)
                            + " was created by the method but would count as part of the head; rename it");
                    continue;
                }
                assertTrue(base.containsKey(p.name()), at(config, p) + " is neither a base parameter nor created by the method");
                boolean selected = p.name().startsWith("head.")
                        || model.trainSelectors().stream().anyMatch(s -> s.test(p.name()));
                assertEquals(selected, p.isTrainable(), at(config, p) + (selected
                        ? " was selected for training but is frozen"
                        : " is trainable although the method did not select it"));
                assertTrue(Arrays.equals(base.get(p.name()), p.array().toFloatArray()),
                        at(config, p) + " is a base parameter whose value changed while the method attached");
            }
            assertEquals(base.keySet(), names(vit.parameters().where(ModelParameter::isBase)),
                    config.name() + ": the base parameters changed while the method attached");
        });
    }

    /**
     * For a {@link ClosedFormCount} method, the closed form equals the counted trainable non-head
     * parameters on every backbone, attached with the intended init and in reference-compat mode.
     */
    public void closedFormCountMatchesCountedParameters() {
        assumeTrue(newInstance().method() instanceof ClosedFormCount, provider.name() + " has no closed-form count");
        for (VitConfig config : backbones) {
            try (InsertedParameterCounter counter = new InsertedParameterCounter(config)) {
                for (boolean referenceCompat : new boolean[] {false, true}) {
                    MethodInstance instance = newInstance();
                    long closedForm = ((ClosedFormCount) instance.method()).insertedParameters(counter.shape());
                    assertEquals(closedForm, counter.count(instance.method(), referenceCompat), config.name()
                            + mode(referenceCompat)
                            + ": insertedParameters(shape) differs from the trainable non-head parameters counted");
                }
            }
        }
    }

    /**
     * A model with perturbed trainable parameters, saved as an adapter file and loaded onto a
     * freshly built base with the same base checkpoint, gives identical eval logits; the file holds
     * exactly the trainable tensors.
     */
    public void saveAndLoadGiveIdenticalLogits() {
        forEachBackbone((registry, config, vit, manager) -> {
            Path dir = createTempDirectory();
            try {
                Path baseFile = dir.resolve("base.safetensors");
                Checkpoints.save(vit, baseFile, java.util.Map.of());
                String baseSha = Sha256.ofFile(baseFile);
                MethodInstance instance = instance(registry);
                PeftModel trained = PeftModel.attach(vit, instance.method(), false);
                List<ModelParameter> trainable = vit.parameters().where(ModelParameter::isTrainable);
                Models.perturb(trainable, 2);
                NDArray images = Models.images(manager, config, 3);
                float[] expected = Models.logits(vit, images);
                Path adapter = dir.resolve("adapter.safetensors");
                AdapterFiles.save(adapter, trained, instance, baseSha,
                        Preprocessing.forRun(config.name(), config.imageSize(), Normalization.NONE));
                assertEquals(names(trainable), SafetensorsFile.read(adapter).tensors().keySet(),
                        config.name() + ": the adapter file does not hold exactly the trainable tensors");
                try (VisionTransformer fresh = Models.backbone(config, 4)) {
                    Checkpoints.load(fresh, SafetensorsFile.read(baseFile));
                    LoadedAdapter loaded = AdapterFiles.load(adapter, fresh, baseSha, registry, false);
                    float[] actual = Models.logits(loaded.model().vit(), images);
                    assertTrue(Arrays.equals(expected, actual), config.name()
                            + ": eval logits differ after save and load; does the method keep state outside its parameters?");
                }
            } finally {
                deleteRecursively(dir);
            }
        });
    }

    /**
     * For a {@link Mergeable} method with perturbed trainable parameters, attached with the intended
     * init and in reference-compat mode: the perturbation changes the eval logits by more than
     * {@value #PERTURBATION_EFFECT} (so the check is not vacuous), the merged model gives the
     * unmerged eval logits within {@value #MERGE_TOLERANCE}, and it has exactly the base model's
     * parameters, all of them base parameters, none trainable outside the head.
     */
    public void mergedModelMatchesUnmerged() {
        assumeTrue(newInstance().method() instanceof Mergeable, provider.name() + " is not mergeable");
        for (boolean referenceCompat : new boolean[] {false, true}) {
            forEachBackbone((registry, config, vit, manager) -> {
                String at = config.name() + mode(referenceCompat);
                Set<String> baseNames = names(vit.parameters().all());
                long baseCount = vit.parameters().count(p -> true);
                NDArray images = Models.images(manager, config, 6);
                float[] base = Models.logits(vit, images);
                PeftModel model = PeftModel.attach(vit, instance(registry).method(), referenceCompat);
                List<ModelParameter> perturbed =
                        vit.parameters().where(p -> p.isTrainable() && !p.name().startsWith("head."));
                Models.perturb(perturbed, 5);
                float[] unmerged = Models.logits(vit, images);
                if (!perturbed.isEmpty()) {
                    assertTrue(maxAbsDifference(base, unmerged) > PERTURBATION_EFFECT, at
                            + ": perturbing the trainable parameters does not change the logits; the merge check would prove nothing");
                }
                float[] merged = Models.logits(model.merge(), images);
                for (int i = 0; i < unmerged.length; i++) {
                    if (Math.abs(unmerged[i] - merged[i]) > MERGE_TOLERANCE) {
                        fail(at + ": logit " + i + " is " + merged[i] + " merged but " + unmerged[i]
                                + " unmerged (tolerance " + MERGE_TOLERANCE + ")");
                    }
                }
                assertEquals(baseNames, names(vit.parameters().all()), at + ": merged parameters differ from the base's");
                assertEquals(baseCount, vit.parameters().count(p -> true), at + ": merged parameter count");
                assertTrue(vit.parameters().all().stream().allMatch(ModelParameter::isBase),
                        at + ": a merged model holds a parameter that is not a base parameter");
                assertEquals(0, vit.insertedParameters(), at + ": trainable non-head parameters after merging");
            });
        }
    }

    /**
     * Validation rejects, naming the key, each numeric hyperparameter just below its minimum and
     * just above its maximum, and an unknown key.
     */
    public void hyperparameterValidationRejectsBadValues() {
        HyperparameterSchema schema = provider.schema();
        for (Hyperparameter h : schema.hyperparameters()) {
            if (h.type() != Hyperparameter.Type.INT && h.type() != Hyperparameter.Type.DOUBLE) {
                continue;
            }
            if (isFinite(h.min())) {
                assertRejected(schema, h.name(), h.type() == Hyperparameter.Type.INT
                        ? String.valueOf((long) Math.ceil(h.min()) - 1) : String.valueOf(Math.nextDown(h.min())));
            }
            if (isFinite(h.max())) {
                assertRejected(schema, h.name(), h.type() == Hyperparameter.Type.INT
                        ? String.valueOf((long) Math.floor(h.max()) + 1) : String.valueOf(Math.nextUp(h.max())));
            }
        }
        assertRejected(schema, "no_such_hyperparameter", "1");
    }

    private void assertRejected(HyperparameterSchema schema, String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(hyperparameters);
        values.put(key, value);
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> schema.validate(values), key + "=" + value + " was accepted");
        assertEquals(key, e.key(), "the error for " + key + "=" + value + " names another key: " + e.getMessage());
        assertTrue(e.getMessage().contains(key), "the message does not name the key: " + e.getMessage());
    }

    private static float maxAbsDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static String mode(boolean referenceCompat) {
        return referenceCompat ? " (reference-compat)" : "";
    }

    private static boolean isFinite(Double bound) {
        return bound != null && Double.isFinite(bound);
    }

    /** One check's body on one backbone. */
    @FunctionalInterface
    private interface BackboneCheck {
        void run(MethodRegistry registry, VitConfig config, VisionTransformer vit, NDManager manager);
    }

    /** Runs a check on a freshly built model of every backbone, with a registry of the provider. */
    private void forEachBackbone(BackboneCheck check) {
        try (MethodRegistry registry = MethodRegistry.of(provider);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (VitConfig config : backbones) {
                try (VisionTransformer vit = Models.backbone(config, 1)) {
                    check.run(registry, config, vit, manager);
                }
            }
        }
    }

    private MethodInstance instance(MethodRegistry registry) {
        return registry.create(provider.name(), hyperparameters);
    }

    private PeftModel attach(MethodRegistry registry, VisionTransformer vit) {
        return PeftModel.attach(vit, instance(registry).method(), false);
    }

    private MethodInstance newInstance() {
        try (MethodRegistry registry = MethodRegistry.of(provider)) {
            return instance(registry);
        }
    }

    private static String at(VitConfig config, ModelParameter p) {
        return config.name() + ": parameter '" + p.name() + "'";
    }

    private static Set<String> names(Collection<ModelParameter> parameters) {
        Set<String> names = new LinkedHashSet<>();
        parameters.forEach(p -> names.add(p.name()));
        return names;
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("peft4j-conformance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
