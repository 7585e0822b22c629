package org.peft4j.eval.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * How uncertain a sample standard deviation over few seeds is: under normality, the interval of the
 * true σ is s·√((n − 1)/χ²_{1−α/2, n−1}) to s·√((n − 1)/χ²_{α/2, n−1}).
 *
 * @param seeds n ≥ 2
 * @param level confidence level
 * @param lowerFactor the interval's lower bound as a multiple of s
 * @param upperFactor its upper bound as a multiple of s
 */
public record StdSpread(int seeds, double level, double lowerFactor, double upperFactor) {

    /** Fewer seeds than this give a spread the report calls too uncertain to read much into. */
    public static final int FEW_SEEDS = 5;

    /**
     * The factors.
     *
     * @param seeds n ≥ 2
     * @param level confidence level, e.g. 0.95
     * @return the spread
     */
    public static StdSpread of(int seeds, double level) {
        if (seeds < 2) {
            throw new IllegalArgumentException("a standard deviation needs 2 seeds or more");
        }
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(seeds - 1);
        double alpha = 1 - level;
        return new StdSpread(seeds, level, Math.sqrt((seeds - 1) / chi.inverseCumulativeProbability(1 - alpha / 2)),
                Math.sqrt((seeds - 1) / chi.inverseCumulativeProbability(alpha / 2)));
    }

    /**
     * Whether the seeds are too few for the spread shown.
     *
     * @return true below {@link #FEW_SEEDS}
     */
    public boolean tooFew() {
        return seeds < FEW_SEEDS;
    }
}
