package org.peft4j.eval.bench;

import com.google.gson.Gson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark measurement with the keys of {@code bench_step.py}, printed as one JSON line.
 *
 * @param values key-value pairs in output order
 */
public record BenchResult(Map<String, Object> values) {

    static BenchResult of(StepBenchmark.Settings s, String torchVersion, double medianMs, double minMs,
            double peakRssMib, long trainable, Map<Integer, Double> rssAtStep) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("impl", "peft4j");
        v.put("torch_version", torchVersion);
        v.put("model", s.model());
        v.put("method", (s.infer() ? "infer-" : "") + (s.merged() ? "merged-" : "") + s.method());
        v.put("batch", s.batch());
        v.put("steps", s.steps());
        v.put("threads", s.threads());
        v.put("ms_per_step_median", round(medianMs, 3));
        v.put("ms_per_step_min", round(minMs, 3));
        v.put("images_per_s", round(s.batch() / (medianMs / 1e3), 3));
        v.put("peak_rss_mib", round(peakRssMib, 1));
        v.put("trainable_params", trainable);
        v.put("warmup", s.warmup());
        v.put("classes", s.classes());
        if (!rssAtStep.isEmpty()) {
            Map<String, Double> rss = new LinkedHashMap<>();
            rssAtStep.forEach((step, mib) -> rss.put(String.valueOf(step), round(mib, 1)));
            v.put("rss_mib_at_step", rss);
        }
        return new BenchResult(v);
    }

    private static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }

    /**
     * The median time of a timed step.
     *
     * @return milliseconds
     */
    public double msPerStep() {
        return ((Number) values.get("ms_per_step_median")).doubleValue();
    }

    /**
     * The single JSON line.
     *
     * @return compact JSON
     */
    public String toJson() {
        return new Gson().toJson(values);
    }
}
