/**
 * Speed measurement: timed training and inference steps of a method on random inputs, and peak
 * memory.
 */
package org.peft4j.eval.bench;
