package org.peft4j.eval.protocol.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * This process's claim on a trial, refreshed by a heartbeat until closed. If another process took
 * the claim over (it judged this one stale), {@link #lost()} turns true and the trial should stop.
 */
public final class Claim implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Claim.class);

    private final String trialId;
    private final Path file;
    private final int generation;
    private volatile boolean lost;
    private boolean closed;
    private ScheduledFuture<?> heartbeat;

    Claim(String trialId, Path file, int generation) {
        this.trialId = trialId;
        this.file = file;
        this.generation = generation;
    }

    void heartbeat(ScheduledFuture<?> future) {
        this.heartbeat = future;
    }

    /** Rewrites the claim file with a new heartbeat, unless the claim is closed or lost. */
    synchronized void refresh(String content) {
        if (!closed && !lost) {
            AtomicFiles.writeString(file, content);
        }
    }

    void markLost(String why) {
        if (!lost) {
            LOG.warn("trial {}: the claim was taken over by another process ({}); this process stops the trial",
                    trialId, why);
        }
        lost = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    /**
     * The claimed trial.
     *
     * @return its id
     */
    public String trialId() {
        return trialId;
    }

    /**
     * The claim file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * Whether another process has taken the claim over, as last seen by the heartbeat.
     *
     * @return true once lost
     */
    public boolean lost() {
        return lost;
    }

    /**
     * Whether this process still holds the claim, looked up now on disk rather than at the last
     * heartbeat: call it right before writing or deleting anything of the trial.
     *
     * @return false when the claim was closed, lost, or a newer claim exists
     */
    public synchronized boolean held() {
        if (closed || lost) {
            return false;
        }
        if (TrialClaims.currentGeneration(file.getParent()) != generation || !Files.isRegularFile(file)) {
            markLost("a newer claim exists");
            return false;
        }
        return true;
    }

    /** Stops the heartbeat and deletes the claim file (unless the claim was lost). */
    @Override
    public synchronized void close() {
        closed = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (!lost) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot delete the claim file {}: {}", file, e.getMessage());
            }
        }
    }
}
