package org.peft4j.eval.stats;

/**
 * The test between two methods on one task's test images (McNemar's exact test with one seed each,
 * else the paired bootstrap over seeds and images), with its Holm-adjusted p-value (the family:
 * every pair of methods on that task).
 *
 * @param task the task
 * @param a the first method
 * @param b the second method
 * @param accuracyA the first method's mean test accuracy (%) over the tested seeds
 * @param accuracyB the second method's
 * @param test the test
 * @param holmP the Holm-adjusted p-value
 */
public record PairTest(String task, String a, String b, double accuracyA, double accuracyB, PairwiseTest test,
        double holmP) {

    /**
     * Whether the difference is significant after the correction.
     *
     * @param alpha the significance level
     * @return true when holmP &lt; alpha
     */
    public boolean significant(double alpha) {
        return holmP < alpha;
    }
}
