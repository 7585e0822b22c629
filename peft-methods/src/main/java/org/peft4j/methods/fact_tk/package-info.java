/**
 * FacT-TK ({@code docs/methods.md#fact_tk}): FacT with the Tucker-factorised cores.
 */
package org.peft4j.methods.fact_tk;
