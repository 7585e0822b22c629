/**
 * VPT-deep ({@code docs/methods.md#vpt_deep}): a set of learnable prompt tokens prepended before
 * every block.
 */
package org.peft4j.methods.vpt_deep;
