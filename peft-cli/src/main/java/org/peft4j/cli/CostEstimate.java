package org.peft4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.peft4j.eval.bench.StepBenchmark;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.TrainingSteps;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * What a comparison would cost, for {@code peft compare --dry-run --estimate}: each method's
 * training step is timed on the comparison's backbone and batch at its first grid point, and
 * multiplied by the method's steps; an evaluation batch counts as a third of a training step.
 */
final class CostEstimate {

    /** Untimed steps before the timed ones. */
    static final int WARMUP = 1;
    /** Timed steps; their median is the step time. */
    static final int TIMED = 3;
    /** The cost of evaluating a batch, in training steps: forward only, no backward or update. */
    private static final double EVAL_SHARE = 1.0 / 3;
    private static final double MS_PER_HOUR = 3_600_000;

    private final ComparisonSpec spec;
    private final List<TrainingSteps> steps;
    private final Map<String, Double> msPerStep;
    private final String unit;

    private CostEstimate(ComparisonSpec spec, List<TrainingSteps> steps, Map<String, Double> msPerStep, String unit) {
        this.spec = spec;
        this.steps = steps;
        this.msPerStep = msPerStep;
        this.unit = unit;
    }

    /**
     * Times a training step of every method of a comparison; runs no trial and writes nothing.
     *
     * @param spec the resolved comparison
     * @param registry the methods
     * @param device where to time them
     * @param threads intra-op threads of this process
     * @param progress where to say which method is being timed
     * @return the estimate
     */
    static CostEstimate measure(ComparisonSpec spec, MethodRegistry registry, Device device, int threads,
            PrintWriter progress) {
        Map<String, Double> ms = new LinkedHashMap<>();
        int classes = spec.tasks().get(0).numClasses();
        for (MethodSpec method : spec.methods()) {
            progress.printf(Locale.ROOT, "timing %s on %s (batch %d, %d warm-up + %d timed steps on %s) ...%n",
                    method.name(), spec.model().name(), spec.recipe().batchSize(), WARMUP, TIMED, device);
            progress.flush();
            StepBenchmark.Settings settings = new StepBenchmark.Settings(spec.model().name(), method.name(),
                    spec.recipe().batchSize(), TIMED, WARMUP, threads, classes, false, false, spec.seed(),
                    spec.recipe().dropPath(), Set.of());
            ms.put(method.name(), StepBenchmark.run(settings, spec.model(),
                    MethodSetup.create(registry, method.name(), method.grid().get(0)).method(), device).msPerStep());
        }
        String unit = device.isGpu() ? "GPU hours (" + device + ")" : "CPU hours (" + threads + (threads == 1 ? " thread)" : " threads)");
        return new CostEstimate(spec, TrainingSteps.of(spec), ms, unit);
    }

    /**
     * The estimate per method and overall, with a lower bound of the wall time.
     *
     * @param parallel local worker processes, or 0 for the Slurm executor
     * @return the text, one fact per line
     */
    String text(int parallel) {
        int batch = spec.recipe().batchSize();
        String shortUnit = unit.substring(0, unit.indexOf('(') - 1);
        List<String[]> rows = new ArrayList<>();
        double hours = 0;
        double longest = 0;
        for (TrainingSteps s : steps) {
            double ms = msPerStep.get(s.method());
            long evalSteps = (long) Math.ceil(s.evaluatedImages() * EVAL_SHARE / batch);
            double methodHours = (s.trainingSteps() + evalSteps) * ms / MS_PER_HOUR;
            hours += methodHours;
            longest = Math.max(longest, s.longestTrialSteps() * ms / MS_PER_HOUR);
            rows.add(new String[] {s.method(), String.format(Locale.ROOT, "%.2f ms/step", ms),
                "× (" + Formats.count(s.trainingSteps()) + " training + " + Formats.count(evalSteps) + " evaluation steps)",
                "= " + hours(methodHours) + " " + shortUnit});
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "estimate (ms/step: median of %d timed steps "
                + "at each method's first grid point; evaluating a batch of %d images counts as 1/3 of a training step):%n",
                TIMED, batch));
        Formats.table("  ", rows).forEach(line -> out.append(line).append(System.lineSeparator()));
        out.append(String.format(Locale.ROOT, "trials (= Slurm array tasks): %s%n",
                Formats.count(TrainingSteps.total("total", steps).trials())));
        out.append(String.format(Locale.ROOT, "%s: %s%n", unit, hours(hours)));
        if (parallel > 0) {
            out.append(String.format(Locale.ROOT, "wall time with --parallel %d: at least %s hours (%s / %d; a lower "
                    + "bound)%n", parallel, hours(hours / parallel), shortUnit, parallel));
        } else {
            out.append(String.format(Locale.ROOT, "wall time on Slurm with as many %s as trials in flight: at least %s "
                    + "hours (the longest tuning trial, then its final trial; a lower bound)%n",
                    unit.startsWith("GPU") ? "GPUs" : "CPU nodes like this one", hours(longest)));
        }
        return out.toString();
    }

    /** Hours to 4 significant digits, never in exponent notation. */
    private static String hours(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
