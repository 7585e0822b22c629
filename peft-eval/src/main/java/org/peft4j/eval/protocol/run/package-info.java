/**
 * Running trials: the trial runner, workers that claim trials, and the {@code TrialExecutor}s that
 * run them in this process or in worker processes.
 */
package org.peft4j.eval.protocol.run;
