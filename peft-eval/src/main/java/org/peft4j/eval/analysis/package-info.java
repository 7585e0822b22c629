/**
 * Analyses of a finished comparison: WiSE-FT interpolation (docs/methods.md#wise-ft), ensembles,
 * prediction similarity and rankings (docs/methods.md#similarity).
 */
package org.peft4j.eval.analysis;
