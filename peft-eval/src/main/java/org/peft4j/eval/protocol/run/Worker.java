package org.peft4j.eval.protocol.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.Claim;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ProcessIdentity;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * Claims and runs the trials of a stored comparison until none is left: tuning trials first, the
 * final trials of a (method, task) as soon as its tuning is over. Trials held by other live
 * processes are left to them; when only such trials remain, the worker waits and looks again.
 * Any number of workers, in any processes, can share one store. A worker refuses to run a trial
 * of a store that holds records of another build unless mixed builds are allowed ({@link BuildGuard}).
 */
public final class Worker {

    private static final Logger LOG = LogManager.getLogger(Worker.class);

    private final ResultStore store;
    private final TrialRunner runner;
    private final TrialClaims claims;
    private final Duration poll;
    private final Retries retries;
    private final BuildGuard builds;
    private final java.util.Map<String, Integer> environmentFailures = new java.util.HashMap<>();

    /**
     * How often a trial that the environment failed is retried by one worker, and how long it
     * waits before: {@code firstDelay}, doubling, at most a minute.
     *
     * @param attempts attempts per trial in this process (at least 1)
     * @param firstDelay wait after the first failure
     */
    public record Retries(int attempts, Duration firstDelay) {

        /** Three attempts, the first retry after 5 s. */
        public static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(5));

        /** Checks the values. */
        public Retries {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
        }

        Duration delay(int failures) {
            long millis = firstDelay.toMillis() << Math.min(10, failures - 1);
            return Duration.ofMillis(Math.min(60_000, millis));
        }
    }

    /**
     * Creates a worker with the default retries.
     *
     * @param store the comparison
     * @param runner runs one trial
     * @param claims this process's claims
     * @param poll how long to wait when every remaining trial is held elsewhere
     */
    public Worker(ResultStore store, TrialRunner runner, TrialClaims claims, Duration poll) {
        this(store, runner, claims, poll, Retries.DEFAULT);
    }

    /**
     * Creates a worker.
     *
     * @param store the comparison
     * @param runner runs one trial
     * @param claims this process's claims
     * @param poll how long to wait when every remaining trial is held elsewhere
     * @param retries how trials that the environment failed are retried
     */
    public Worker(ResultStore store, TrialRunner runner, TrialClaims claims, Duration poll, Retries retries) {
        this(store, runner, claims, poll, retries, false);
    }

    /**
     * Creates a worker.
     *
     * @param store the comparison
     * @param runner runs one trial
     * @param claims this process's claims
     * @param poll how long to wait when every remaining trial is held elsewhere
     * @param retries how trials that the environment failed are retried
     * @param allowMixedBuilds run trials even when the store holds records of another build (see {@link BuildGuard})
     */
    public Worker(ResultStore store, TrialRunner runner, TrialClaims claims, Duration poll, Retries retries,
            boolean allowMixedBuilds) {
        this.builds = BuildGuard.current(allowMixedBuilds);
        this.store = store;
        this.runner = runner;
        this.claims = claims;
        this.poll = poll;
        this.retries = retries;
    }

    /**
     * Runs trials until the comparison is complete.
     *
     * @return how many trials this worker ran
     * @throws InterruptedException if interrupted while waiting for other processes
     */
    public int runAll() throws InterruptedException {
        ComparisonState state = new ComparisonState(store);
        long start = System.nanoTime();
        int ran = 0;
        while (true) {
            List<GroupState> groups = state.refresh();
            if (groups.stream().allMatch(GroupState::complete)) {
                return ran;
            }
            TrialProgress counts = TrialProgress.of(groups, store.spec().seeds());
            String progress = "[" + (counts.done() + 1) + "/" + counts.total()
                    + counts.eta(ran, (System.nanoTime() - start) / 1e9) + "] ";
            boolean didOne = false;
            for (Trial trial : groups.stream().flatMap(g -> g.pending().stream()).toList()) {
                Optional<Claim> claim = claims.tryClaim(store.trialDir(trial.id()));
                if (claim.isPresent()) {
                    didOne = true;
                    if (runClaimed(trial, claim.get(), progress)) {
                        ran++;
                    }
                    break;
                }
            }
            if (!didOne) {
                Thread.sleep(poll.toMillis());
            }
        }
    }

    /**
     * Runs one trial of the store by id, unless it has already finished.
     *
     * @param id the trial id
     * @param takeOver take over the trial's claim even if it looks alive (the scheduler knows its
     *     previous job has ended)
     * @return true when it ran, false when its record already existed
     * @throws IllegalStateException if another live process holds the trial
     */
    public boolean runOne(String id, boolean takeOver) {
        Trial trial = store.readTrial(id);
        if (store.record(id).isPresent()) {
            LOG.info("trial {} has already finished; nothing to do", id);
            return false;
        }
        Path dir = store.trialDir(id);
        Optional<Claim> claim = takeOver ? claims.takeOver(dir) : claims.tryClaim(dir);
        return runClaimed(trial, claim.orElseThrow(() -> new IllegalStateException("trial " + id
                + " is being run by another process (see " + dir + "/claim-*.json); wait for it, or pass --take-over "
                + "if that process is gone from another host")), "");
    }

    /** Runs a claimed trial and writes its record (log lines start with {@code progress}); false when it turned out to be done already. */
    private boolean runClaimed(Trial trial, Claim claim, String progress) {
        String id = trial.id();
        try (claim) {
            if (store.record(id).isPresent()) {
                return false;
            }
            builds.check(store);
            store.removeStaleTemporaries(id, claims.staleAfter());
            int attempt = store.beginAttempt(id, ProcessIdentity.current());
            LOG.info("{}{} trial {}: {}{}", progress, trial.kind().label(), id,
                    trial.settings().describe(), attempt > 1 ? " (attempt " + attempt + ")" : "");
            TrialRecord record = runner.run(trial, claim, attempt);
            if (!claim.held()) {
                throw new ClaimLostException(id);
            }
            if (!store.writeRecord(record)) {
                LOG.warn("trial {}: another process wrote its record first; this run's result is dropped", id);
                return false;
            }
            if (claim.held()) {
                store.deleteCheckpoint(id);
            }
            LOG.info("trial {}: {}", id, summary(record));
            return true;
        } catch (ClaimLostException e) {
            LOG.warn(e.getMessage());
            return false;
        } catch (EnvironmentFailure e) {
            return environmentFailed(trial, e);
        }
    }

    /**
     * Logs a failure of the environment and waits before the trial is tried again (by this or
     * another worker; its checkpoint is kept); after the last attempt stops this worker.
     */
    private boolean environmentFailed(Trial trial, EnvironmentFailure e) {
        String id = trial.id();
        int failures = environmentFailures.merge(id, 1, Integer::sum);
        store.failAttempt(id, store.attempts(id), e.getMessage());
        if (failures >= retries.attempts()) {
            throw new IllegalStateException("trial " + id + " (" + trial.settings().describe() + ") failed "
                    + failures + " times for a reason of the machine, not of the method (last: " + e.getMessage()
                    + "); free memory or disk space (or lower the batch size or --parallel), then run the same command "
                    + "again: the trial resumes from its epoch checkpoint");
        }
        Duration wait = retries.delay(failures);
        LOG.warn("trial {}: the machine failed it ({}); trying again in {} s, attempt {} of {} in this process", id,
                e.getMessage(), wait.toSeconds(), failures + 1, retries.attempts());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String summary(TrialRecord record) {
        if (record.status() != TrialStatus.OK) {
            return record.status().label() + ": " + record.message();
        }
        return String.format(Locale.ROOT, "%s %.2f%% (loss %.4f) in %.1f s", record.evalSplit(),
                record.metrics().accuracy(), record.metrics().loss(), record.timing().totalSeconds());
    }
}
