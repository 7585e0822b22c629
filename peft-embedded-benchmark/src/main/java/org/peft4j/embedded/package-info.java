/**
 * The built-in benchmark: procedurally generated 32 × 32 image tasks in the VTAB-1K layout and the
 * {@code vit-micro} backbone pretrained on a separate synthetic upstream task, so that a
 * comparison runs without downloads. Start at {@link org.peft4j.embedded.EmbeddedBenchmark};
 * {@link org.peft4j.embedded.Pretraining} regenerates the shipped checkpoint.
 */
package org.peft4j.embedded;
