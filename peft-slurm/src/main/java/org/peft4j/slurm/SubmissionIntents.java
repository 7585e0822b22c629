package org.peft4j.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write-ahead submissions. Before {@code sbatch} runs, the coordinator appends one line per trial
 * to {@code slurm/jobs.tsv} whose job is the array's name ({@code array-N}, an intent); after it,
 * the real job ids. A coordinator killed in between leaves intents without jobs: on restart it
 * looks the array up in the queue by its unique job name, records the job it finds, and forgets
 * the intent otherwise (the job never started, or already ended: the trial's record says which).
 * So a crash between the two appends never submits a trial twice.
 */
final class SubmissionIntents {

    /** Prefix of the job field of an intent line. */
    static final String PREFIX = "array-";

    private SubmissionIntents() {}

    /**
     * Whether an entry is an intent rather than a submitted job.
     *
     * @param entry a line of the jobs file
     * @return true for {@code array-N}
     */
    static boolean isIntent(JobEntry entry) {
        return entry.jobId().startsWith(PREFIX);
    }

    /**
     * The submitted jobs, without intents.
     *
     * @param entries the jobs file
     * @return the entries whose job is a Slurm job id
     */
    static List<JobEntry> submitted(List<JobEntry> entries) {
        return entries.stream().filter(e -> !isIntent(e)).toList();
    }

    /**
     * The intents that no submitted job followed, by array name, each with its trials in array
     * index order.
     *
     * @param entries the jobs file, in file order
     * @return array name ({@code array-N}) to its intent entries
     */
    static Map<String, List<JobEntry>> unresolved(List<JobEntry> entries) {
        Map<String, List<JobEntry>> open = new LinkedHashMap<>();
        for (JobEntry e : entries) {
            if (isIntent(e)) {
                open.computeIfAbsent(e.jobId(), k -> new ArrayList<>()).add(e);
            } else {
                // a submitted job for the same trial and attempt resolves that trial's intent
                open.values().forEach(list -> list.removeIf(i -> i.trialId().equals(e.trialId())
                        && i.attempt() == e.attempt()));
            }
        }
        open.values().removeIf(List::isEmpty);
        return open;
    }

    /**
     * The entries that record an array found in the queue under its name.
     *
     * @param intents the array's intent entries, in index order
     * @param liveTasks the live tasks of that name, {@code JOBID_INDEX} to state
     * @return the jobs-file entries to append (none when the array is not in the queue)
     */
    static List<JobEntry> recovered(List<JobEntry> intents, Map<String, String> liveTasks) {
        String job = liveTasks.keySet().stream().map(t -> t.contains("_") ? t.substring(0, t.indexOf('_')) : t)
                .findFirst().orElse(null);
        if (job == null) {
            return List.of();
        }
        List<JobEntry> out = new ArrayList<>();
        for (int i = 0; i < intents.size(); i++) {
            JobEntry intent = intents.get(i);
            out.add(new JobEntry(intent.trialId(), job + "_" + i, intent.attempt(), intent.submitted()));
        }
        return out;
    }

    /**
     * The unique job name of an array of a store: the comparison's job name, a hash of the store's
     * path and the array's number.
     *
     * @param comparisonJobName the comparison's job name ({@code peft4j-<name>})
     * @param storeRoot the store's absolute path
     * @param array the array's name, {@code array-N}
     * @return e.g. {@code peft4j-quick-1a2b3c-array-7}
     */
    static String jobName(String comparisonJobName, java.nio.file.Path storeRoot, String array) {
        String hash = org.peft4j.runtime.data.ContentHash.sha256(storeRoot.toString()).substring(0, 6);
        return comparisonJobName + "-" + hash + "-" + array;
    }
}
