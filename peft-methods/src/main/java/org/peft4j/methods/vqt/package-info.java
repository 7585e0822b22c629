/**
 * Visual Query Tuning ({@code docs/methods.md#vqt}): per-block query tokens that read
 * intermediate features, combined with the CLS feature at the head.
 */
package org.peft4j.methods.vqt;
