package org.peft4j.eval.protocol.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peft4j.eval.protocol.ComparisonPlan;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.Selection;
import org.peft4j.eval.protocol.Selector;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialGroup;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.TuningOutcome;
import org.peft4j.eval.protocol.TuningTrial;

/**
 * Reads where a comparison stands: which trials have valid records, what was selected, which final
 * trials follow. Valid records never change, so they are read once and cached; unfinished trials
 * are looked at again on every {@link #refresh()}.
 */
public final class ComparisonState {

    private final ResultStore store;
    private final ComparisonPlan plan;
    private final Map<String, TrialRecord> finished = new HashMap<>();

    /**
     * Creates the view.
     *
     * @param store the store
     */
    public ComparisonState(ResultStore store) {
        this.store = store;
        this.plan = ComparisonPlan.of(store.spec());
    }

    /**
     * The plan of the stored comparison.
     *
     * @return the plan
     */
    public ComparisonPlan plan() {
        return plan;
    }

    /**
     * Re-reads the records of unfinished trials and derives every group's state. The spec file of
     * every trial (final trials too, once selected) is written so that any process can run it.
     *
     * @return one state per group, in plan order
     */
    public List<GroupState> refresh() {
        List<GroupState> states = new ArrayList<>();
        for (TrialGroup group : plan.groups()) {
            Map<String, TrialRecord> records = new HashMap<>();
            List<TuningOutcome> outcomes = new ArrayList<>();
            for (TuningTrial trial : group.tuning()) {
                lookUp(trial).ifPresent(r -> {
                    records.put(trial.id(), r);
                    outcomes.add(outcome(trial, r));
                });
            }
            Optional<Selection> selection = Optional.empty();
            List<FinalTrial> finals = List.of();
            if (outcomes.size() == group.tuning().size()) {
                selection = Selector.select(outcomes);
                finals = selection.map(s -> s.finalTrials(plan.spec().seeds())).orElse(List.of());
                for (FinalTrial f : finals) {
                    lookUp(f).ifPresent(r -> records.put(f.id(), r));
                }
            }
            states.add(new GroupState(group, records, selection, finals));
        }
        return states;
    }

    private Optional<TrialRecord> lookUp(Trial trial) {
        TrialRecord known = finished.get(trial.id());
        if (known != null) {
            return Optional.of(known);
        }
        store.writeTrial(trial);
        Optional<TrialRecord> record = store.record(trial.id());
        record.ifPresent(r -> finished.put(trial.id(), r));
        return record;
    }

    /**
     * Forgets a cached record (after it was found corrupt and the trial re-run).
     *
     * @param id the trial id
     */
    public void forget(String id) {
        finished.remove(id);
    }

    /**
     * The selection view of a tuning record: validation accuracy and size only.
     *
     * @param trial the tuning trial
     * @param record its record
     * @return the outcome
     */
    static TuningOutcome outcome(TuningTrial trial, TrialRecord record) {
        if (record.kind() != TrialKind.TUNING || !TuningTrial.VALIDATION_SPLIT.equals(record.evalSplit())) {
            throw new IllegalStateException("the record of tuning trial " + record.trialId()
                    + " is not a tuning record on " + TuningTrial.VALIDATION_SPLIT);
        }
        boolean ok = record.status() == TrialStatus.OK && record.metrics() != null;
        return new TuningOutcome(trial, record.trialId(), ok ? TrialStatus.OK : record.status(),
                ok ? record.metrics().accuracy() : Double.NaN, ok ? record.metrics().loss() : Double.NaN,
                record.parameters() == null ? Long.MAX_VALUE : record.parameters().inserted());
    }
}
