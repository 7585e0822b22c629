/**
 * FacT ({@code docs/methods.md#fact}): the shared U and V projections and the forward and merge
 * of both FacT variants; the variants' cores are in {@code fact_tt} and {@code fact_tk}.
 */
package org.peft4j.methods.fact;
