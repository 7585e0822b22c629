package org.peft4j.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trial jobs of a store that are in the queue now.
 *
 * @param jobs the latest submission of each trial whose job is live, with its queue state
 * @param resubmissions submissions beyond the first of their trial, so far
 */
public record LiveJobs(Map<JobEntry, String> jobs, int resubmissions) {

    /** Copies the map. */
    public LiveJobs {
        jobs = Map.copyOf(jobs);
    }

    /**
     * Matches the submissions of a store with the queue.
     *
     * @param submitted every submission ({@code slurm/jobs.tsv})
     * @param queue state by job id, as {@link SlurmClient#liveJobs()} gives it
     * @return the live ones
     */
    public static LiveJobs of(List<JobEntry> submitted, Map<String, String> queue) {
        Map<JobEntry, String> live = new LinkedHashMap<>();
        submitted.stream().filter(j -> queue.containsKey(j.jobId())).forEach(j -> live.put(j, queue.get(j.jobId())));
        return new LiveJobs(live, (int) submitted.stream().filter(j -> j.attempt() > 1).count());
    }
}
