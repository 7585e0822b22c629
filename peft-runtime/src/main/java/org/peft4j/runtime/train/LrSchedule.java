package org.peft4j.runtime.train;

/**
 * timm's per-epoch {@code CosineLRScheduler} as the study configures it (docs/methods.md#learning-rate):
 * S(t) = warmupLr + t·(lr − warmupLr)/warmup for t &lt; warmup, then minLr + ½(lr − minLr)(1 +
 * cos(π t / epochs)) with t counted from 0, minLr from t = epochs on. By default epoch e uses
 * S(e); the reference applies it one epoch late (epoch 0 at warmupLr, epoch e ≥ 1 at S(e − 1)).
 *
 * @param lr peak learning rate
 * @param warmupEpochs warm-up length
 * @param warmupLr initial learning rate of the warm-up
 * @param minLr final learning rate
 * @param epochs cosine length t_initial
 * @param reference whether to reproduce the reference's off-by-one
 */
public record LrSchedule(double lr, int warmupEpochs, double warmupLr, double minLr, int epochs, boolean reference) {

    /**
     * The learning rate used during an epoch.
     *
     * @param epoch 0-based epoch
     * @return the learning rate
     */
    public double forEpoch(int epoch) {
        if (reference) {
            return epoch == 0 ? warmupLr : value(epoch - 1);
        }
        return value(epoch);
    }

    /**
     * The scheduler formula S(t).
     *
     * @param t epoch counter
     * @return the learning rate
     */
    public double value(int t) {
        if (t < warmupEpochs) {
            return warmupLr + t * (lr - warmupLr) / warmupEpochs;
        }
        if (t >= epochs) {
            return minLr;
        }
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t / epochs));
    }
}
