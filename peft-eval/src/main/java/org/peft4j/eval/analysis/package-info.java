/**
 * Analyses of a finished comparison: WiSE-FT interpolation (docs/methods.md#wise-ft), ensembles,
 * prediction similarity and rankings (docs/methods.md#similarity), Pareto fronts of accuracy
 * against a cost.
 */
package org.peft4j.eval.analysis;
