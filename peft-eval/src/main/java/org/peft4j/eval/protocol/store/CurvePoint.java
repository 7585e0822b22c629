package org.peft4j.eval.protocol.store;

/**
 * One epoch of a trial's training curve.
 *
 * @param epoch the 0-based epoch
 * @param trainLoss mean training loss of the epoch
 * @param lr the learning rate of the epoch
 * @param seconds wall time of the epoch (training and, when it ran, evaluation)
 * @param evalAccuracy top-1 accuracy (%) on the trial's held-out split after the epoch, or null when
 *     it was not evaluated then
 */
public record CurvePoint(int epoch, double trainLoss, double lr, double seconds, Double evalAccuracy) {}
