package org.peft4j.eval.protocol.run;

/** Thrown into a running trial when another process has taken its claim over; no record is written. */
public final class ClaimLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param trialId the trial
     */
    public ClaimLostException(String trialId) {
        super("trial " + trialId + ": another process took the claim over; stopping without a record");
    }
}
