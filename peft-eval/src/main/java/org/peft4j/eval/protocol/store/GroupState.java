package org.peft4j.eval.protocol.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.Selection;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialGroup;
import org.peft4j.eval.protocol.TuningTrial;

/**
 * Where one (method, task) stands in the store.
 *
 * @param group the tuning trials
 * @param records the valid records found, by trial id
 * @param selection the selected configuration once every tuning trial has a record (empty before,
 *     or when none ended ok)
 * @param finals the final trials of the selection (empty without one)
 */
public record GroupState(TrialGroup group, Map<String, TrialRecord> records, Optional<Selection> selection,
        List<FinalTrial> finals) {

    /** Copies the collections. */
    public GroupState {
        records = Map.copyOf(records);
        finals = List.copyOf(finals);
    }

    /**
     * Whether every tuning trial has a record.
     *
     * @return true once tuning is over
     */
    public boolean tuningDone() {
        return group.tuning().stream().allMatch(t -> records.containsKey(t.id()));
    }

    /**
     * Trials without a record: tuning trials first, then the final trials once selection is done.
     *
     * @return pending trials in run order
     */
    public List<Trial> pending() {
        List<Trial> out = new ArrayList<>();
        for (TuningTrial t : group.tuning()) {
            if (!records.containsKey(t.id())) {
                out.add(t);
            }
        }
        for (FinalTrial f : finals) {
            if (!records.containsKey(f.id())) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Whether nothing is left to run for this group.
     *
     * @return true when tuning is over and every final trial (if any) has a record
     */
    public boolean complete() {
        return tuningDone() && pending().isEmpty();
    }

    /**
     * How many trials the group will have run: its tuning trials, then its final trials, or one
     * per seed while they are not known yet.
     *
     * @param seeds final runs per (method, task)
     * @return the expected count
     */
    public int plannedTrials(int seeds) {
        return group.tuning().size() + (tuningDone() ? finals.size() : seeds);
    }

    /**
     * The records of the final trials, in seed order (only those that exist).
     *
     * @return the records
     */
    public List<TrialRecord> finalRecords() {
        return finals.stream().map(f -> records.get(f.id())).filter(r -> r != null).toList();
    }

    /**
     * The records of the tuning trials, in grid order (only those that exist).
     *
     * @return the records
     */
    public List<TrialRecord> tuningRecords() {
        return group.tuning().stream().map(t -> records.get(t.id())).filter(r -> r != null).toList();
    }
}
