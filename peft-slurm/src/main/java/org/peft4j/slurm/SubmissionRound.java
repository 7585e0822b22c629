package org.peft4j.slurm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one look at the queue decides for the runnable trials that have no record: a trial never
 * submitted is submitted; one whose latest job is queued or running is left alone; one whose
 * latest job has left the queue without a record (preempted, cancelled, timed out, failed) is
 * resubmitted while it has resubmissions left, else given up.
 *
 * @param submit the trials to submit now, with their attempt numbers
 * @param ended the latest jobs of the trials resubmitted now
 * @param running the latest jobs that are running
 * @param queued the latest jobs that wait in the queue
 * @param givenUp the latest jobs of trials out of resubmissions
 */
public record SubmissionRound(List<Submission> submit, List<JobEntry> ended, List<JobEntry> running,
        List<JobEntry> queued, List<JobEntry> givenUp) {

    /**
     * A trial to submit.
     *
     * @param trialId the trial
     * @param attempt 1 for its first submission
     */
    public record Submission(String trialId, int attempt) {}

    /** Copies the lists. */
    public SubmissionRound {
        submit = List.copyOf(submit);
        ended = List.copyOf(ended);
        running = List.copyOf(running);
        queued = List.copyOf(queued);
        givenUp = List.copyOf(givenUp);
    }

    /**
     * Decides what to do.
     *
     * @param pending runnable trials without a record, in run order
     * @param jobs every submission so far ({@code slurm/jobs.tsv})
     * @param live the queue: state by job id, jobs that will not run any more left out
     * @param maxResubmits resubmissions allowed per trial
     * @return the decision
     */
    public static SubmissionRound decide(List<String> pending, List<JobEntry> jobs, Map<String, String> live,
            int maxResubmits) {
        List<Submission> submit = new ArrayList<>();
        List<JobEntry> ended = new ArrayList<>();
        List<JobEntry> running = new ArrayList<>();
        List<JobEntry> queued = new ArrayList<>();
        List<JobEntry> givenUp = new ArrayList<>();
        for (String id : pending) {
            Optional<JobEntry> latest = jobs.stream().filter(j -> j.trialId().equals(id))
                    .max(Comparator.comparingInt(JobEntry::attempt));
            if (latest.isEmpty()) {
                submit.add(new Submission(id, 1));
            } else if (live.containsKey(latest.get().jobId())) {
                ("RUNNING".equals(live.get(latest.get().jobId())) ? running : queued).add(latest.get());
            } else if (latest.get().attempt() <= maxResubmits) {
                ended.add(latest.get());
                submit.add(new Submission(id, latest.get().attempt() + 1));
            } else {
                givenUp.add(latest.get());
            }
        }
        return new SubmissionRound(submit, ended, running, queued, givenUp);
    }

    /**
     * Whether no trial job of these trials is queued or running.
     *
     * @return true when nothing is left to wait for
     */
    public boolean nothingLive() {
        return running.isEmpty() && queued.isEmpty();
    }
}
