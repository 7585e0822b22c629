/**
 * The fine-tuning pipeline: {@link org.peft4j.runtime.pipeline.FineTuning} builds data, backbone,
 * method, recipe and trainer, and is used alike by {@code peft train}, the comparison's trial
 * runner and programs. Its steps are small classes with one job each: {@code TaskSplits} (list
 * files), {@code TrainingData} (batches through the image cache), {@code Backbones} (random or
 * checkpoint weights), {@code MethodSetup} (a method by name, plugin faults in one sentence).
 */
package org.peft4j.runtime.pipeline;
