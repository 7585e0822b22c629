package org.peft4j.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.run.TrialExecutor;
import org.peft4j.eval.protocol.run.TrialProgress;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * Runs the trials as Slurm array jobs and follows them until every trial has a record: look at
 * the queue, materialise what is runnable (the final trials once selection is possible), submit
 * the trials that have neither a record nor a live job, wait, and again. A job that left the queue
 * without a record is resubmitted up to {@code slurm.max_resubmits} times; the trial resumes from
 * its epoch checkpoint. All state is in the store ({@code slurm/jobs.tsv}, the records) and the
 * queue, so the coordinator can be stopped and started again at any time.
 */
public final class SlurmExecutor implements TrialExecutor {

    private static final Logger LOG = LogManager.getLogger(SlurmExecutor.class);
    /** Most tasks per array (Slurm's default MaxArraySize is 1001). */
    private static final int MAX_ARRAY = 1000;

    private final SlurmClient slurm;
    private final SbatchScript script;
    private final boolean detach;

    /**
     * Creates the executor.
     *
     * @param slurm the Slurm commands
     * @param script the batch script of the trial jobs
     * @param detach submit what is runnable now and return, instead of following the jobs
     */
    public SlurmExecutor(SlurmClient slurm, SbatchScript script, boolean detach) {
        this.slurm = slurm;
        this.script = script;
        this.detach = detach;
    }

    @Override
    public void execute(ResultStore store) throws InterruptedException {
        ComparisonState state = new ComparisonState(store);
        JobsFile jobs = new JobsFile(store.root());
        int seeds = store.spec().seeds();
        long start = System.nanoTime();
        int doneAtStart = -1;
        String reported = "";
        for (boolean first = true; true; first = false) {
            Optional<Map<String, String>> queue = look(first);
            if (queue.isEmpty()) {
                Thread.sleep(script.options().poll().toMillis());
                continue;
            }
            Map<String, String> live = queue.get();
            List<GroupState> groups = state.refresh(); // after the queue: a job gone from it has written its record
            TrialProgress progress = TrialProgress.of(groups, seeds);
            int done = progress.done();
            doneAtStart = doneAtStart < 0 ? done : doneAtStart;
            if (groups.stream().allMatch(GroupState::complete)) {
                LOG.info("slurm: all {} trials done", done);
                return;
            }
            List<String> pending = groups.stream().flatMap(g -> g.pending().stream()).map(Trial::id).toList();
            if (first) {
                recoverIntents(store, jobs);
            }
            List<JobEntry> submitted = jobs.read();
            SubmissionRound round = SubmissionRound.decide(pending, submitted, live, script.options().maxResubmits());
            for (JobEntry ended : round.ended()) {
                LOG.warn("slurm: trial {}: job {} ended without a record ({}); resubmitting, attempt {} of {} (log {})",
                        ended.trialId(), ended.jobId(), slurm.endState(ended.jobId()).orElse("end state unknown"),
                        ended.attempt() + 1, script.options().maxResubmits() + 1,
                        SbatchScript.log(store.root(), ended.jobId()));
            }
            if (!round.submit().isEmpty()) {
                submit(store, jobs, round.submit());
            }
            long resubmitted = Stream.concat(submitted.stream().map(JobEntry::attempt),
                    round.submit().stream().map(SubmissionRound.Submission::attempt)).filter(a -> a > 1).count();
            String line = String.format("slurm: %d/%d trials done, %d running, %d queued, %d submitted now, "
                    + "%d resubmitted so far", done, progress.total(), round.running().size(), round.queued().size(),
                    round.submit().size(), resubmitted);
            if (!line.equals(reported)) {
                LOG.info("{}{}", line, progress.eta(done - doneAtStart, (System.nanoTime() - start) / 1e9));
                reported = line;
            }
            if (round.nothingLive() && round.submit().isEmpty()) {
                throw new IllegalStateException(givenUp(store, round.givenUp()));
            }
            if (detach) {
                LOG.info("slurm: detached; follow the comparison with 'peft status --store {}' and run the same command "
                        + "again to submit the final trials once tuning is over", store.root());
                return;
            }
            Thread.sleep(script.options().poll().toMillis());
        }
    }

    /**
     * The queue; a failure of the first look stops the coordinator (Slurm is not usable here), a
     * later one (a busy controller) is logged and the next poll tries again.
     */
    private Optional<Map<String, String>> look(boolean first) {
        try {
            return Optional.of(slurm.liveJobs());
        } catch (SlurmException e) {
            if (first) {
                throw e;
            }
            LOG.warn("slurm: cannot read the queue ({}); trying again in {} s", e.getMessage(),
                    script.options().poll().toSeconds());
            return Optional.empty();
        }
    }

    /** Writes the array scripts of the submissions and submits them, logging each in the jobs file. */
    private void submit(ResultStore store, JobsFile jobs, List<SubmissionRound.Submission> submissions) {
        Path folder = store.root().resolve(JobsFile.FOLDER);
        try {
            Files.createDirectories(folder);
            Files.createDirectories(store.root().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        Map<String, String> environment = passedEnvironment();
        for (int from = 0; from < submissions.size(); from += MAX_ARRAY) {
            List<SubmissionRound.Submission> part = submissions.subList(from, Math.min(submissions.size(), from + MAX_ARRAY));
            List<String> ids = part.stream().map(SubmissionRound.Submission::trialId).toList();
            String array = SubmissionIntents.PREFIX + (arrays(folder) + 1);
            Path file = folder.resolve(array + ".sbatch");
            AtomicFiles.writeString(file, script.text(store.root(), store.spec().name(), ids, environment));
            Instant now = Instant.now();
            List<JobEntry> intents = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                intents.add(new JobEntry(ids.get(i), array, part.get(i).attempt(), now));
            }
            jobs.append(intents); // written ahead: a crash before the next append is recovered by name
            String job = slurm.submit(file, arrayJobName(store, array));
            List<JobEntry> entries = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                entries.add(new JobEntry(ids.get(i), job + "_" + i, part.get(i).attempt(), now));
            }
            jobs.append(entries);
            LOG.info("slurm: submitted {} trial(s) as array job {} ({})", part.size(), job, store.root().relativize(file));
        }
    }

    /**
     * Intents that a killed coordinator left without a job: an array still in the queue is
     * recorded under its job id; any other intent is forgotten (never submitted, or ended).
     */
    private void recoverIntents(ResultStore store, JobsFile jobs) {
        for (Map.Entry<String, List<JobEntry>> open : SubmissionIntents.unresolved(jobs.entries()).entrySet()) {
            List<JobEntry> found = SubmissionIntents.recovered(open.getValue(),
                    slurm.liveJobsNamed(arrayJobName(store, open.getKey())));
            if (found.isEmpty()) {
                LOG.info("slurm: {} was not submitted before the coordinator stopped (or has ended); its trials are "
                        + "decided afresh", open.getKey());
            } else {
                LOG.info("slurm: {} was submitted as job {} before the coordinator stopped; recorded it", open.getKey(),
                        found.get(0).jobId().substring(0, found.get(0).jobId().indexOf('_')));
                jobs.append(found);
            }
        }
    }

    private String arrayJobName(ResultStore store, String array) {
        return SubmissionIntents.jobName(SbatchScript.jobName(store.spec().name()), store.root(), array);
    }

    private static int arrays(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().matches("array-\\d+\\.sbatch")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> passedEnvironment() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : SbatchScript.PASSED_ENVIRONMENT) {
            String value = System.getenv(key);
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    private String givenUp(ResultStore store, List<JobEntry> givenUp) {
        return givenUp.size() + " trial(s) ended without a record in each of their " + (script.options().maxResubmits() + 1)
                + " jobs (" + givenUp.stream().map(j -> j.trialId() + ": " + SbatchScript.log(store.root(), j.jobId()))
                        .collect(Collectors.joining(", "))
                + "); see those logs, then raise slurm.max_resubmits (e.g. -Dslurm.max_resubmits="
                + (script.options().maxResubmits() + 2) + ") and run the same command again to resume";
    }
}
