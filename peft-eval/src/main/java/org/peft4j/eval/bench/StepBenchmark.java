package org.peft4j.eval.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.peft4j.api.PeftMethod;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Times training steps (zero-grad, forward, cross-entropy, backward, AdamW) or inference on fixed
 * random inputs, the way {@code bench/pytorch_step.py} does, so the two can be compared.
 */
public final class StepBenchmark {

    /**
     * What to measure.
     *
     * @param model preset name
     * @param method method name as reported
     * @param batch batch size
     * @param steps timed steps
     * @param warmup untimed steps first
     * @param threads intra-op threads
     * @param classes head classes
     * @param infer time the forward pass only
     * @param merged fold the method into the backbone before timing (inference of a mergeable method)
     * @param seed seed of the model and inputs
     * @param dropPath drop path rate
     * @param rssAt timed steps (1-based) after which the current RSS is recorded
     */
    public record Settings(String model, String method, int batch, int steps, int warmup, int threads,
            int classes, boolean infer, boolean merged, long seed, float dropPath, java.util.Set<Integer> rssAt) {}

    private StepBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param settings what to measure
     * @param method the configured method
     * @return the result, with the keys of bench_step.py
     */
    public static BenchResult run(Settings settings, PeftMethod method) {
        return run(settings, VitConfig.preset(settings.model(), settings.classes()), method, Device.cpu());
    }

    /**
     * Runs the benchmark on a given backbone and device.
     *
     * @param settings what to measure; its model names the backbone in the result
     * @param backbone the architecture, whose classes and drop path the settings replace
     * @param method the configured method
     * @param device where the model and inputs live
     * @return the result, with the keys of bench_step.py
     */
    public static BenchResult run(Settings settings, VitConfig backbone, PeftMethod method, Device device) {
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) settings.seed());
        VitConfig config = backbone.withClasses(settings.classes()).withDropPath(settings.dropPath());
        try (VisionTransformer vit = VisionTransformer.create(config, device);
                NDManager data = NDManager.newBaseManager(device)) {
            PeftModel attached = PeftModel.attach(vit, method, false);
            if (settings.merged()) {
                if (!attached.isMergeable()) {
                    throw new IllegalArgumentException("method '" + settings.method() + "' cannot be merged into "
                            + "the backbone; time --merged with a mergeable method (lora, bitfit, ssf, ...)");
                }
                attached.merge();
            }
            NDArray x = data.randomNormal(new Shape(settings.batch(), 3, config.imageSize(), config.imageSize()));
            NDArray y = data.randomInteger(0, settings.classes(), new Shape(settings.batch()), DataType.INT64);
            List<ModelParameter> trainable = vit.parameters().where(ModelParameter::isTrainable);
            AdamW adamw = AdamW.standard(trainable);
            Runnable step = settings.infer() ? () -> infer(vit, x) : () -> train(vit, adamw, x, y);
            for (int i = 0; i < settings.warmup(); i++) {
                step.run();
            }
            List<Double> times = new ArrayList<>();
            java.util.Map<Integer, Double> rss = new java.util.TreeMap<>();
            for (int i = 0; i < settings.steps(); i++) {
                long t0 = System.nanoTime();
                step.run();
                times.add((System.nanoTime() - t0) / 1e6);
                if (settings.rssAt().contains(i + 1)) {
                    rss.put(i + 1, PeakMemory.currentRssMib());
                }
            }
            return BenchResult.of(settings, engine.getVersion(), median(times), Collections.min(times),
                    PeakMemory.peakRssMib(), vit.trainableParameters(), rss);
        }
    }

    private static void train(VisionTransformer vit, AdamW adamw, NDArray x, NDArray y) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TrainStep.forwardBackward(vit, x, y, 1f);
            adamw.step(1e-3f, 1e-4f);
        }
    }

    private static void infer(VisionTransformer vit, NDArray x) {
        // Outside a GradientCollector the PyTorch engine runs with autograd off, like no_grad().
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            vit.forward(x, false).getFloat(0, 0);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
