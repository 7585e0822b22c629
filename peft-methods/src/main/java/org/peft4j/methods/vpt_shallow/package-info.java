/**
 * VPT-shallow ({@code docs/methods.md#vpt_shallow}): learnable prompt tokens prepended before the
 * first block.
 */
package org.peft4j.methods.vpt_shallow;
