/**
 * Uncertainty and significance of comparison results: bootstrap confidence intervals of test
 * accuracy, McNemar's exact test between two methods on the same test images (one seed each) and a
 * paired bootstrap over seeds and images (several seeds), Holm's correction,
 * the Friedman test over tasks and Nemenyi's critical difference (Demšar, JMLR 2006), and the
 * {@link org.peft4j.eval.stats.SignificanceReport} that applies them to a store's final predictions.
 * Distributions come from Apache Commons Statistics.
 */
package org.peft4j.eval.stats;
