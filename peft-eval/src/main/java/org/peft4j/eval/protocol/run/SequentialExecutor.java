package org.peft4j.eval.protocol.run;

import java.time.Duration;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;

/** Runs the trials one after another in this process (one {@link Worker}). */
public final class SequentialExecutor implements TrialExecutor {

    private final TrialRunner runner;
    private final TrialClaims claims;
    private final Duration poll;
    private final boolean allowMixedBuilds;

    /**
     * Creates the executor.
     *
     * @param runner runs one trial
     * @param claims this process's claims
     * @param poll how long to wait when every remaining trial is held by another process
     */
    public SequentialExecutor(TrialRunner runner, TrialClaims claims, Duration poll) {
        this(runner, claims, poll, false);
    }

    /**
     * Creates the executor.
     *
     * @param runner runs one trial
     * @param claims this process's claims
     * @param poll how long to wait when every remaining trial is held by another process
     * @param allowMixedBuilds run trials even when the store holds records of another build
     */
    public SequentialExecutor(TrialRunner runner, TrialClaims claims, Duration poll, boolean allowMixedBuilds) {
        this.runner = runner;
        this.claims = claims;
        this.poll = poll;
        this.allowMixedBuilds = allowMixedBuilds;
    }

    @Override
    public void execute(ResultStore store) throws InterruptedException {
        new Worker(store, runner, claims, poll, Worker.Retries.DEFAULT, allowMixedBuilds).runAll();
    }
}
