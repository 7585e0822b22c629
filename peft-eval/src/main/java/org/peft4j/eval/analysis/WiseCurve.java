package org.peft4j.eval.analysis;

import java.util.List;

/**
 * Accuracies of one fine-tuned model interpolated towards its pretrained backbone (WiSE-FT).
 *
 * @param task the task
 * @param method the method, merged into the backbone before interpolating
 * @param trialId the final trial whose weights were used
 * @param inSplit the in-distribution test split
 * @param shiftedSplit the distribution-shifted test split
 * @param alphas the mixing coefficients α (0 = pretrained backbone, 1 = fine-tuned)
 * @param inAccuracy top-1 (%) on {@code inSplit} at each α
 * @param shiftedAccuracy top-1 (%) on {@code shiftedSplit} at each α
 */
public record WiseCurve(String task, String method, String trialId, String inSplit, String shiftedSplit,
        List<Double> alphas, List<Double> inAccuracy, List<Double> shiftedAccuracy) {

    /** Copies the lists and checks their lengths. */
    public WiseCurve {
        alphas = List.copyOf(alphas);
        inAccuracy = List.copyOf(inAccuracy);
        shiftedAccuracy = List.copyOf(shiftedAccuracy);
        if (inAccuracy.size() != alphas.size() || shiftedAccuracy.size() != alphas.size()) {
            throw new IllegalArgumentException("a WiSE curve needs one accuracy per α on each split");
        }
    }

    /**
     * The α with the best shifted accuracy (the first on a tie).
     *
     * @return the index into {@link #alphas()}
     */
    public int bestShifted() {
        int best = 0;
        for (int i = 1; i < alphas.size(); i++) {
            if (shiftedAccuracy.get(i) > shiftedAccuracy.get(best)) {
                best = i;
            }
        }
        return best;
    }
}
