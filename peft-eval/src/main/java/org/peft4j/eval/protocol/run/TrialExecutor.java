package org.peft4j.eval.protocol.run;

import org.peft4j.eval.protocol.store.ResultStore;

/**
 * Runs the trials of a stored comparison until none is left. Every trial is fully described by
 * its {@code spec.json} and leaves a {@code record.json}, so an executor only decides where
 * {@code peft trial} work happens: in this process, in local worker processes, or (later) as
 * cluster jobs.
 */
public interface TrialExecutor {

    /**
     * Runs the comparison's remaining trials.
     *
     * @param store the comparison
     * @throws InterruptedException if interrupted while waiting
     */
    void execute(ResultStore store) throws InterruptedException;
}
