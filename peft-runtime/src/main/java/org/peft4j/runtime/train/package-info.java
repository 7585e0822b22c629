/**
 * Training: AdamW, the study's learning-rate schedule (docs/methods.md#learning-rate), the trainer
 * with epoch checkpoints and resume, evaluation and progress.
 */
package org.peft4j.runtime.train;
