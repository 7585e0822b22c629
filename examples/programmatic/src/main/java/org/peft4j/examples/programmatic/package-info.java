/**
 * Fine-tuning from Java: the FineTuning pipeline of peft-runtime on an in-memory data set.
 */
package org.peft4j.examples.programmatic;
