package org.peft4j.eval.stats;

/**
 * McNemar's exact test between two methods on one task's test images, with its Holm-adjusted
 * p-value (the family: every pair of methods on that task).
 *
 * @param task the task
 * @param a the first method
 * @param b the second method
 * @param accuracyA the first method's test accuracy (%) on the tested predictions
 * @param accuracyB the second method's
 * @param test the test on the discordant images
 * @param holmP the Holm-adjusted p-value
 */
public record PairTest(String task, String a, String b, double accuracyA, double accuracyB, McNemarExact test,
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
