/**
 * FacT-TT ({@code docs/methods.md#fact_tt}): FacT with tensor-train cores, one set per block.
 */
package org.peft4j.methods.fact_tt;
