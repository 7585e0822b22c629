/**
 * DiffFit ({@code docs/methods.md#difffit}): learnable scales of each block's branches, plus all
 * biases and LayerNorm weights.
 */
package org.peft4j.methods.difffit;
