/**
 * LayerNorm tuning ({@code docs/methods.md#ln}): the weights and biases of all LayerNorms are
 * trained.
 */
package org.peft4j.methods.ln;
