/**
 * Pfeiffer adapter ({@code docs/methods.md#pfeiffer}): a sequential bottleneck adapter after
 * every MLP branch, in the study's three init variants.
 */
package org.peft4j.methods.pfeiffer;
