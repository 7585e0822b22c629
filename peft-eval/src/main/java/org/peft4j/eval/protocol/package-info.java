/**
 * The uniform tuning protocol (docs/protocol.md, docs/methods.md#tuning-protocol): a comparison's
 * specification, its plan of tuning and final trials, selection on validation accuracy, and the
 * {@code BenchmarkSource}s that supply task suites.
 */
package org.peft4j.eval.protocol;
