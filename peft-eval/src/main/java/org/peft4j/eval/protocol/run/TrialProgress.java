package org.peft4j.eval.protocol.run;

import java.util.List;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.runtime.train.ProgressBar;

/**
 * How far a comparison is, for progress lines: trials with a record, and trials it will have run.
 *
 * @param done trials with a record
 * @param total trials planned (final trials count one per seed until selection makes them known)
 */
public record TrialProgress(int done, int total) {

    /**
     * Counts the trials of a comparison's groups.
     *
     * @param groups the groups' current state
     * @param seeds final runs per (method, task)
     * @return the counts
     */
    public static TrialProgress of(List<GroupState> groups, int seeds) {
        return new TrialProgress(groups.stream().mapToInt(g -> g.records().size()).sum(),
                groups.stream().mapToInt(g -> g.plannedTrials(seeds)).sum());
    }

    /**
     * The time left if the remaining trials take as long on average as those run so far here.
     *
     * @param ranHere trials this process saw finish
     * @param secondsHere the time they took together
     * @return {@code ", ETA h:mm:ss"}, or empty before the first trial finished
     */
    public String eta(int ranHere, double secondsHere) {
        return ranHere == 0 ? "" : ", ETA " + ProgressBar.hms(Math.round(secondsHere / ranHere * (total - done)));
    }
}
