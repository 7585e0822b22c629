package org.peft4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peft4j.eval.analysis.CurveFlag;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.CurvePoint;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * The training curves of a comparison: per task, the curve of each method's first final seed (for
 * the figures), and every finished trial, tuning or final, that {@link CurveFlag} flags. A trial
 * without a curve file (a store written before curves were kept) falls back on the per-epoch loss
 * and learning rate of its record.
 *
 * @param byTask per task (report order), per method (report order), the first final seed's curve
 * @param flagged the flagged trials, task by task
 */
record TrainingCurves(Map<String, Map<String, List<CurvePoint>>> byTask, List<FlaggedTrial> flagged) {

    /**
     * A trial whose curve is flagged.
     *
     * @param task the task
     * @param method the method
     * @param kind {@code tuning} or {@code final}
     * @param settings the trial's settings in words
     * @param flag the flag
     * @param losses the mean train loss of each epoch
     */
    record FlaggedTrial(String task, String method, String kind, String settings, CurveFlag flag, List<Double> losses) {}

    /**
     * Reads the curves of a store.
     *
     * @param store the store
     * @param results its results (for the final trials of each cell)
     * @return the curves
     */
    static TrainingCurves of(ResultStore store, ComparisonResults results) {
        Map<String, Map<String, List<CurvePoint>>> byTask = new LinkedHashMap<>();
        for (String task : results.tasks()) {
            Map<String, List<CurvePoint>> methods = new LinkedHashMap<>();
            for (String method : results.methods()) {
                ResultCell cell = results.cell(method, task).orElseThrow();
                if (cell.finalTrials().isEmpty()) {
                    continue;
                }
                String id = cell.finalTrials().get(0);
                store.record(id).map(r -> curve(store, r)).filter(c -> !c.isEmpty())
                        .ifPresent(c -> methods.put(method, c));
            }
            byTask.put(task, methods);
        }
        List<FlaggedTrial> flagged = new ArrayList<>();
        for (String id : store.trialIds()) {
            Optional<TrialRecord> record = store.record(id);
            if (record.isEmpty() || record.get().status() == TrialStatus.FAILED) {
                continue;
            }
            TrialRecord r = record.get();
            List<Double> losses = curve(store, r).stream().map(CurvePoint::trainLoss).toList();
            CurveFlag.of(losses, r.status() == TrialStatus.DIVERGED).ifPresent(f -> flagged.add(new FlaggedTrial(
                    r.settings().task().name(), r.settings().method(), r.kind().label(), r.settings().describe(), f,
                    losses)));
        }
        List<String> order = results.tasks();
        flagged.sort(java.util.Comparator.comparingInt((FlaggedTrial f) -> order.indexOf(f.task()))
                .thenComparing(FlaggedTrial::method).thenComparing(FlaggedTrial::settings));
        return new TrainingCurves(byTask, flagged);
    }

    /** The trial's curve file, or its record's per-epoch history without times and held-out accuracy. */
    private static List<CurvePoint> curve(ResultStore store, TrialRecord r) {
        return store.readCurve(r.trialId()).orElseGet(() -> r.history().stream()
                .map(e -> new CurvePoint(e.epoch(), e.meanLoss(), e.lr(), Double.NaN, null)).toList());
    }
}
