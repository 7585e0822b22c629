package org.peft4j.slurm;

import java.time.Instant;

/**
 * One submission of a trial: a line of {@code slurm/jobs.tsv}.
 *
 * @param trialId the trial
 * @param jobId the Slurm job, {@code ARRAYJOB_INDEX}
 * @param attempt 1 for the first submission, then 2, 3, ...
 * @param submitted when it was submitted
 */
public record JobEntry(String trialId, String jobId, int attempt, Instant submitted) {

    /**
     * The line in the jobs file.
     *
     * @return tab-separated fields
     */
    String line() {
        return trialId + "\t" + jobId + "\t" + attempt + "\t" + submitted;
    }

    /**
     * Parses a line of the jobs file.
     *
     * @param line tab-separated trial id, job id, attempt, submit time
     * @return the entry
     * @throws IllegalArgumentException if the line does not have these fields
     */
    static JobEntry parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 4) {
            throw new IllegalArgumentException("expected 4 tab-separated fields, got " + f.length);
        }
        return new JobEntry(f[0], f[1], Integer.parseInt(f[2]), Instant.parse(f[3]));
    }
}
