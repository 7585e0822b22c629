package org.peft4j.eval.stats;

/** A two-sided test of whether two methods differ in test accuracy on one task. */
public sealed interface PairwiseTest permits McNemarExact, PairedBootstrap {

    /** @return the two-sided p-value */
    double p();

    /** @return the test's name as the report shows it, e.g. {@code McNemar exact} */
    String name();
}
