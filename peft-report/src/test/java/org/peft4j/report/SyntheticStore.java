package org.peft4j.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.TuningTrial;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.CurveFile;
import org.peft4j.eval.protocol.store.CurvePoint;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.eval.support.TestRecords;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.train.EvalResult;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A result store filled with hand-made records and predictions, written with the store's own
 * writers (no training). Tasks: {@code a} (natural), {@code b} (natural), {@code c} (specialized),
 * {@code d} (structured), 10 test examples each, labels {@code i % 2}. Methods {@code m1}, {@code m2},
 * {@code m3}; two seeds. Seed 0 gets the first {@link #CORRECT} examples right, seed 1 one more
 * (+10 points). {@code m3} diverges on task {@code d}. Final records of {@code m1} and {@code m2} have
 * the costs in {@link #COSTS}; those of {@code m3} none, as records written before costs were kept.
 */
final class SyntheticStore {

    /** Test examples per task. */
    static final int N = 10;

    /** Method → task → correct examples (the first k examples are right) of seed 0. */
    static final Map<String, Map<String, Integer>> CORRECT = Map.of(
            "m1", Map.of("a", 9, "b", 8, "c", 7, "d", 6),
            "m2", Map.of("a", 8, "b", 8, "c", 9, "d", 5),
            "m3", Map.of("a", 5, "b", 6, "c", 7, "d", 0));

    /** Inserted parameters by method. */
    static final Map<String, Long> INSERTED = Map.of("m1", 1_000L, "m2", 100_000L, "m3", 0L);

    /** Costs of the final records by method: m1 merges, m2 does not. */
    static final Map<String, TrialRecord.Costs> COSTS = Map.of(
            "m1", new TrialRecord.Costs(4.0, -1, new TrialRecord.Inference(8, 5, 1000, 2000)),
            "m2", new TrialRecord.Costs(2.0, -1, new TrialRecord.Inference(8, 5, 4000, -1)));

    /** Backbone parameters. */
    static final long BACKBONE = 1_000_000L;

    private SyntheticStore() {}

    static ComparisonSpec spec() {
        List<TaskSpec> tasks = List.of(new TaskSpec("a", "natural", 2), new TaskSpec("b", "natural", 2),
                new TaskSpec("c", "specialized", 2), new TaskSpec("d", "structured", 2));
        List<MethodSpec> methods = List.of("m1", "m2", "m3").stream()
                .map(m -> new MethodSpec(m, "1.0", "1.0", List.of(Map.of()))).toList();
        return new ComparisonSpec(ComparisonSpec.FORMAT, "synthetic", ProtocolKind.QUICK,
                VitConfig.preset("vit-tiny", 1), null, "/nonexistent/data", Normalization.NONE, tasks, methods,
                List.of(1e-3), List.of(1e-4), new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, 2, false);
    }

    /** Creates and fills the store. */
    static ResultStore create(Path dir) {
        ResultStore store = ResultStore.create(dir, spec());
        ComparisonState state = new ComparisonState(store);
        for (GroupState g : state.refresh()) {
            for (TuningTrial t : g.group().tuning()) {
                store.writeRecord(record(t, TrialStatus.OK, 50.0, null));
            }
        }
        for (GroupState g : state.refresh()) {
            String method = g.group().method().name();
            String task = g.group().task().name();
            for (FinalTrial f : g.finals()) {
                int correct = CORRECT.get(method).get(task);
                if (method.equals("m3") && task.equals("d")) {
                    if (f.seedIndex() == 0) {
                        CurveFile.write(store.curveFile(f.id()), List.of(new CurvePoint(0, 2.0, 1e-3, 1.0, null)));
                    }
                    store.writeRecord(record(f, TrialStatus.DIVERGED, 0, null));
                    continue;
                }
                EvalResult eval = eval(correct, f.seedIndex());
                if (f.seedIndex() == 0) {
                    CurveFile.write(store.curveFile(f.id()), curve(method, task));
                }
                TrialRecord.PredictionsInfo info = store.writePredictions(f.id(), eval, FinalTrial.TEST_SPLIT);
                store.writeRecord(record(f, TrialStatus.OK, eval.accuracy(), info));
            }
        }
        return store;
    }

    /**
     * The train losses of a final trial's first seed: falling, except m2 on b, whose loss rises at
     * the end (0.5 to 0.9); m3 on d diverged after one epoch.
     */
    static List<CurvePoint> curve(String method, String task) {
        double[] losses = method.equals("m2") && task.equals("b") ? new double[] {2.0, 0.5, 0.9}
                : new double[] {2.0, 1.0, method.equals("m1") ? 0.4 : 0.6};
        List<CurvePoint> points = new java.util.ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            points.add(new CurvePoint(e, losses[e], 1e-3, 1.5, e == losses.length - 1 ? 80.0 : null));
        }
        return points;
    }

    /** Predictions with the first {@code correct} examples right; seed 1 gets one more right. */
    static EvalResult eval(int correct, int seedIndex) {
        int right = Math.min(N, correct + seedIndex);
        int[] labels = new int[N];
        int[] preds = new int[N];
        float[] conf = new float[N];
        float[] probs = new float[2 * N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 2;
            preds[i] = i < right ? labels[i] : 1 - labels[i];
            conf[i] = i < 3 ? 0.95f : 0.6f;
            probs[2 * i + preds[i]] = conf[i];
            probs[2 * i + 1 - preds[i]] = 1 - conf[i];
        }
        return new EvalResult(100.0 * right / N, 0.5, preds, conf, labels, probs);
    }

    static TrialRecord record(Trial t, TrialStatus status, double accuracy, TrialRecord.PredictionsInfo predictions) {
        String method = t.settings().method();
        TrialRecord r = TestRecords.of(t, status, accuracy, N, predictions, INSERTED.get(method), BACKBONE,
                method.equals("m2") ? 900.0 : 800.0);
        return t instanceof FinalTrial && COSTS.containsKey(method) ? TestRecords.withCosts(r, COSTS.get(method)) : r;
    }
}
