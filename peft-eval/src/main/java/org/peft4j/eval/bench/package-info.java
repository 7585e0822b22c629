/**
 * Speed measurement: timed training and inference steps of a method on random inputs, the
 * inference throughput of a trained model, peak host memory and GPU memory in use.
 */
package org.peft4j.eval.bench;
