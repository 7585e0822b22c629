package org.peft4j.runtime.pipeline;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.NonFiniteLoss;
import org.peft4j.runtime.train.ResumeMismatch;
import org.peft4j.runtime.train.RunFingerprint;
import org.peft4j.runtime.train.Trainer;
import org.peft4j.runtime.train.TrainingListener;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VitConfig;

/**
 * One fine-tuning run, the pipeline behind {@code peft train}, every trial of a comparison and
 * programs that use peft4j as a library: it creates the method through the registry, opens the
 * data, builds the backbone (checkpoint or seeded random weights, head sized for the task),
 * attaches the method and trains with the {@link Trainer} (see docs/methods.md#training-protocol),
 * resuming from the epoch checkpoint folder when one is given. Under {@code reference-compat} a
 * batch with a NaN or infinite loss is skipped ({@link NonFiniteLoss#SKIP}); otherwise the run
 * stops as diverged. Build it with {@link #builder()}.
 *
 * <pre>{@code
 * try (FineTuned run = FineTuning.builder()
 *         .task(TaskSplits.validated(folder, null, "train800val200", "test"), Normalization.NONE,
 *                 ImageCache.Options.defaults())
 *         .backbone(VitConfig.preset("vit-b16", 1), checkpoint)
 *         .method(registry, "lora", Map.of("rank", "8"))
 *         .recipe(TrainingRecipe.study(1e-3, 1e-4))
 *         .build().run()) {
 *     run.saveAdapter(Path.of("adapter.safetensors"));
 * }
 * }</pre>
 */
public final class FineTuning {

    private final IntFunction<TrainingData> data;
    private final VitConfig architecture;
    private final Path checkpoint;
    private final boolean freshHead;
    private final Path randomBaseFile;
    private final Device device;
    private final MethodRegistry registry;
    private final MethodInstance method;
    private final String methodName;
    private final Map<String, String> hyperparameters;
    private final boolean referenceCompat;
    private final TrainingRecipe recipe;
    private final Path checkpointDir;
    private final ResumeMismatch onMismatch;
    private final Function<TrainingData, TrainingListener> listener;
    private final FineTuningObserver observer;
    private final Normalization normalization;

    private FineTuning(Builder b) {
        this.data = Objects.requireNonNull(b.data, "the data are not set");
        this.normalization = b.normalization;
        this.architecture = Objects.requireNonNull(b.architecture, "the backbone is not set");
        this.checkpoint = b.checkpoint;
        this.freshHead = b.freshHead;
        this.randomBaseFile = b.randomBaseFile;
        this.device = b.device;
        this.registry = Objects.requireNonNull(b.registry, "the method is not set");
        this.method = b.method;
        this.methodName = b.methodName;
        this.hyperparameters = b.hyperparameters;
        this.referenceCompat = b.referenceCompat;
        this.recipe = Objects.requireNonNull(b.recipe, "the recipe is not set");
        this.checkpointDir = b.checkpointDir;
        this.onMismatch = b.onMismatch;
        this.listener = b.listener;
        this.observer = b.observer;
    }

    /** @return a builder with no data, backbone, method or recipe yet */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the pipeline: method, data, backbone, attachment, training (and the final evaluation
     * when there is an evaluation split). A diverged loss is a result, not an exception.
     *
     * @return the trained model and its result; the caller closes it
     * @throws MethodSetupException for a bad hyperparameter or a fault inside the method
     * @throws RuntimeException for unreadable data or checkpoints, or what an observer throws
     */
    public FineTuned run() {
        MethodInstance instance = method != null ? method : MethodSetup.create(registry, methodName, hyperparameters);
        TrainingData opened = data.apply(architecture.imageSize());
        Backbones.Base backbone = null;
        try {
            backbone = Backbones.create(architecture.withClasses(opened.classes()), checkpoint, device, recipe.seed());
            if (freshHead) {
                backbone.vit().resizeHead(opened.classes());
            }
            Path baseFile = backbone.checkpoint();
            String baseSha256 = backbone.sha256();
            if (baseSha256 == null && randomBaseFile != null) {
                Checkpoints.save(backbone.vit(), randomBaseFile, Map.of("format", "pt"));
                baseFile = randomBaseFile;
                baseSha256 = Sha256.ofFile(randomBaseFile);
            }
            observer.backboneReady(backbone);
            PeftModel model = MethodSetup.attach(backbone.vit(), registry, instance, referenceCompat);
            observer.attached(model);
            TrainingResult result = new Trainer(recipe, listener.apply(opened))
                    .withFingerprint(fingerprint(instance, backbone.sha256())).onMismatch(onMismatch)
                    .onNonFiniteLoss(referenceCompat ? NonFiniteLoss.SKIP : NonFiniteLoss.STOP)
                    .fit(model, opened.train(), opened.eval(), checkpointDir);
            return new FineTuned(backbone, baseFile, baseSha256 == null ? FineTuned.RANDOM_BASE : baseSha256, instance,
                    model, opened, result, Preprocessing.forRun(architecture.name(), architecture.imageSize(), normalization));
        } catch (RuntimeException | Error e) {
            if (backbone != null) {
                backbone.close();
            }
            opened.close();
            throw e;
        }
    }

    /**
     * What this pipeline adds to the trainer's fingerprint (which covers the recipe, the model, the
     * trainable tensors, the content of both splits and the code): the method, its version and
     * hyperparameters, the base weights and the head.
     */
    private RunFingerprint fingerprint(MethodInstance instance, String checkpointSha256) {
        return RunFingerprint.empty()
                .with("method", instance.name() + " version " + instance.version() + " SPI " + instance.spiVersion())
                .with("method.hyperparameters", new java.util.TreeMap<>(instance.hyperparameters().asMap()))
                .with("method.reference_compat", referenceCompat)
                // a random base is the model's initialisation from the recipe's seed, both in the trainer's parts
                .with("base", checkpointSha256 == null ? "random initialisation" : checkpointSha256)
                .with("base.fresh_head", freshHead);
    }

    /** Collects the parts of a {@link FineTuning}; data, backbone, method and recipe are required. */
    public static final class Builder {

        private IntFunction<TrainingData> data;
        private Normalization normalization = Normalization.NONE;
        private VitConfig architecture;
        private Path checkpoint;
        private boolean freshHead;
        private Path randomBaseFile;
        private Device device = Device.cpu();
        private MethodRegistry registry;
        private MethodInstance method;
        private String methodName;
        private Map<String, String> hyperparameters = Map.of();
        private boolean referenceCompat;
        private TrainingRecipe recipe;
        private Path checkpointDir;
        private ResumeMismatch onMismatch = ResumeMismatch.REFUSE;
        private Function<TrainingData, TrainingListener> listener = d -> new TrainingListener() { };
        private FineTuningObserver observer = new FineTuningObserver() { };

        private Builder() {}

        /**
         * Trains and evaluates on a task's splits, decoded once through the image cache.
         *
         * @param splits the task's splits (read by {@link TaskSplits#validated} or {@link TaskSplits#lists})
         * @param normalization pixel normalisation (see docs/methods.md#transforms)
         * @param cache the image cache settings
         * @return this builder
         */
        public Builder task(TaskSplits splits, Normalization normalization, ImageCache.Options cache) {
            this.data = imageSize -> TrainingData.open(splits, imageSize, normalization, cache);
            this.normalization = normalization;
            return this;
        }

        /**
         * Trains and evaluates on data the caller provides (any {@link org.peft4j.runtime.train.BatchSource}).
         *
         * @param data the data, already at the model's input side; closed with the result
         * @return this builder
         */
        public Builder data(TrainingData data) {
            this.data = imageSize -> data;
            return this;
        }

        /**
         * The backbone's architecture and weights; the head gets the task's classes.
         *
         * @param architecture the ViT (a preset, see {@link VitConfig#preset})
         * @param checkpoint pretrained weights, or null for timm's initialisation seeded with the recipe's seed
         * @return this builder
         */
        public Builder backbone(VitConfig architecture, Path checkpoint) {
            this.architecture = architecture;
            this.checkpoint = checkpoint;
            return this;
        }

        /**
         * Re-initialises the head after loading, even when the checkpoint has one of the right
         * shape (as the comparison protocol does); by default a fitting head is loaded.
         *
         * @param fresh whether to re-initialise the head
         * @return this builder
         */
        public Builder freshHead(boolean fresh) {
            this.freshHead = fresh;
            return this;
        }

        /**
         * Saves random base weights (no checkpoint) to a file before training, since an adapter
         * belongs to its base weights.
         *
         * @param file where to save them, or null not to save
         * @return this builder
         */
        public Builder saveRandomBase(Path file) {
            this.randomBaseFile = file;
            return this;
        }

        /**
         * Where the model lives and trains.
         *
         * @param device the device (default the CPU)
         * @return this builder
         */
        public Builder device(Device device) {
            this.device = Objects.requireNonNull(device);
            return this;
        }

        /**
         * The method, created by name when the pipeline runs.
         *
         * @param registry the available methods
         * @param name the method's name
         * @param hyperparameters values by key, as text; missing ones take their defaults
         * @return this builder
         */
        public Builder method(MethodRegistry registry, String name, Map<String, String> hyperparameters) {
            this.registry = registry;
            this.methodName = name;
            this.hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
            this.method = null;
            return this;
        }

        /**
         * A method already created (see {@link MethodSetup#create}).
         *
         * @param registry the registry it came from (names it in fault messages)
         * @param instance the configured method
         * @return this builder
         */
        public Builder method(MethodRegistry registry, MethodInstance instance) {
            this.registry = registry;
            this.method = instance;
            this.methodName = instance.name();
            return this;
        }

        /**
         * Whether the method reproduces the reference code's behaviour (see docs/differences.md),
         * and the trainer skips batches with a NaN or infinite loss as the reference does.
         *
         * @param referenceCompat the flag handed to {@link PeftModel#attach} and the trainer
         * @return this builder
         */
        public Builder referenceCompat(boolean referenceCompat) {
            this.referenceCompat = referenceCompat;
            return this;
        }

        /**
         * The training settings (see docs/methods.md#learning-rate).
         *
         * @param recipe epochs, batch, learning rate schedule, weight decay, drop path, seed
         * @return this builder
         */
        public Builder recipe(TrainingRecipe recipe) {
            this.recipe = recipe;
            return this;
        }

        /**
         * The folder of the epoch checkpoint: training resumes from it and writes it.
         *
         * @param folder the folder, or null for no checkpoint
         * @return this builder
         */
        public Builder checkpointDir(Path folder) {
            this.checkpointDir = folder;
            return this;
        }

        /**
         * What to do with an epoch checkpoint in the checkpoint folder that a different run wrote
         * (other data, weights, hyperparameters or code): refuse (the default) or start over.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder onMismatch(ResumeMismatch policy) {
            this.onMismatch = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Who follows the training (a progress bar, a claim's heartbeat).
         *
         * @param listener the listener, made once the data are open
         * @return this builder
         */
        public Builder listener(Function<TrainingData, TrainingListener> listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * Who sees the stages complete.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(FineTuningObserver observer) {
            this.observer = Objects.requireNonNull(observer);
            return this;
        }

        /** @return the pipeline, ready to {@link FineTuning#run()} */
        public FineTuning build() {
            return new FineTuning(this);
        }
    }
}
