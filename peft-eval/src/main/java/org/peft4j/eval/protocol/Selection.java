package org.peft4j.eval.protocol;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The configuration chosen for a (method, task), and the only source of final trials.
 *
 * @param winner the selected tuning outcome
 * @param candidates tuning trials considered
 * @param usable tuning trials that ended ok
 */
public record Selection(TuningOutcome winner, int candidates, int usable) {

    /** Checks the values. */
    public Selection {
        Objects.requireNonNull(winner, "winner");
    }

    /**
     * The final runs: the winner's settings retrained with seeds {@code s, s + 1, ...} where
     * {@code s} is the tuning seed. Each seed is explicit in its trial's settings.
     *
     * @param seeds number of runs, at least 1
     * @return the final trials in seed order
     */
    public List<FinalTrial> finalTrials(int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
        TrialSettings settings = winner.trial().settings();
        long first = settings.recipe().seed();
        return IntStream.range(0, seeds)
                .mapToObj(i -> new FinalTrial(settings.withSeed(first + i), winner.trialId(), i))
                .toList();
    }
}
