package org.peft4j.eval.protocol.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;
import java.util.Optional;

/**
 * A failure of the machine a trial ran on rather than of the trial: out of memory, a full disk or
 * another I/O error of the system, an interruption. Such a trial is retried (its epoch checkpoint
 * kept), never recorded as the method's outcome. Anything else (an error in a method, bad data, a
 * diverged loss) is the trial's outcome.
 */
public final class EnvironmentFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Phrases of system errors in I/O and native messages (Linux, macOS, Windows and libtorch wording). */
    private static final String[] SYSTEM_PHRASES = {"no space left on device", "disk quota exceeded",
        "input/output error", "stale file handle", "too many open files", "read-only file system",
        "not enough space on the disk", "out of memory", "can't allocate memory", "cannot allocate memory",
        "std::bad_alloc"};

    private final String trialId;

    /**
     * Wraps the environment's failure of a trial.
     *
     * @param trialId the trial
     * @param what what the environment did, one sentence
     * @param cause the failure
     */
    public EnvironmentFailure(String trialId, String what, Throwable cause) {
        super(what, cause);
        this.trialId = trialId;
    }

    /**
     * The trial that the environment failed.
     *
     * @return its id
     */
    public String trialId() {
        return trialId;
    }

    /**
     * What a failure says about the environment, if it is the environment's.
     *
     * @param e a failure of a trial
     * @return a description (type and message of the telling cause), or empty for the trial's own failure
     */
    public static Optional<String> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException) {
                return Optional.of(describe(t));
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            boolean systemError = t instanceof IOException || t.getClass().getName().startsWith("ai.djl.")
                    || t instanceof java.io.UncheckedIOException;
            if (systemError) {
                for (String phrase : SYSTEM_PHRASES) {
                    if (message.contains(phrase)) {
                        return Optional.of(describe(t));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
