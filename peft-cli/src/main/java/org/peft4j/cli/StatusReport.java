package org.peft4j.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.slurm.JobEntry;
import org.peft4j.slurm.LiveJobs;

/** The text of {@code peft status}: trials per (method, task) by outcome, then the live Slurm jobs. */
final class StatusReport {

    private StatusReport() {}

    /**
     * Formats the state of a comparison.
     *
     * @param groups where each (method, task) stands
     * @param seeds final runs per (method, task)
     * @param slurm the live Slurm jobs, when the comparison was submitted to Slurm
     * @return the text
     */
    static String text(List<GroupState> groups, int seeds, Optional<LiveJobs> slurm) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %-14s %5s %7s %9s %8s%n", "method",
                "task", "done", "failed", "diverged", "pending"));
        int[] sum = new int[4];
        for (GroupState g : groups) {
            int[] n = counts(g, seeds);
            for (int i = 0; i < 4; i++) {
                sum[i] += n[i];
            }
            out.append(String.format(Locale.ROOT, "%-14s %-14s %5d %7d %9d %8d%n", g.group().method().name(),
                    g.group().task().name(), n[0], n[1], n[2], n[3]));
        }
        out.append(String.format(Locale.ROOT, "total: %d of %d trials have a record (%d ok, %d failed, %d diverged), "
                + "%d pending%s%n", sum[0] + sum[1] + sum[2], sum[0] + sum[1] + sum[2] + sum[3], sum[0], sum[1], sum[2],
                sum[3], sum[3] == 0 ? "; complete" : ""));
        slurm.ifPresent(s -> {
            out.append(String.format(Locale.ROOT, "slurm: %d live job(s), %d resubmission(s) so far%n", s.jobs().size(),
                    s.resubmissions()));
            s.jobs().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(JobEntry::jobId)))
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  %-14s %-10s trial %s, attempt %d%n",
                            e.getKey().jobId(), e.getValue(), e.getKey().trialId(), e.getKey().attempt())));
        });
        return out.toString();
    }

    /**
     * The trials that needed more than one attempt, failed, or skipped batches for a NaN or
     * infinite loss (reference-compat): attempts, skipped batches and the last error (a failure of
     * the machine from the attempt log, or the failed record's message).
     *
     * @param store the comparison
     * @return a heading and one line per such trial, or nothing when every trial went smoothly
     */
    static String troubles(ResultStore store) {
        StringBuilder out = new StringBuilder();
        for (String id : store.trialIds()) {
            ResultStore.AttemptLog log = store.attemptLog(id);
            int attempts = log.started();
            Optional<TrialRecord> record = store.record(id);
            Optional<String> error = record.filter(r -> r.status() == TrialStatus.FAILED).map(TrialRecord::message)
                    .or(log::lastFailure);
            int skipped = record.map(StatusReport::skippedBatches).orElse(0);
            if (attempts > 1 || error.isPresent() || skipped > 0) {
                String what = record.map(r -> r.status().label()).orElse("no record");
                out.append(String.format(Locale.ROOT, "  %s  %d attempt%s, %s%s%s%n", id, attempts, attempts == 1 ? "" : "s",
                        what, skipped == 0 ? "" : ", " + skipped + " batch" + (skipped == 1 ? "" : "es")
                                + " skipped for a NaN or infinite loss (reference-compat)",
                        error.map(e -> "; last error: " + e).orElse("")));
            }
        }
        return out.length() == 0 ? "" : "trials with retries, failures or skipped batches:\n" + out;
    }

    private static int skippedBatches(TrialRecord record) {
        return record.history() == null ? 0
                : record.history().stream().mapToInt(TrialRecord.EpochSummary::skippedBatches).sum();
    }

    /** ok, failed, diverged, pending (final trials not yet known count one per seed). */
    private static int[] counts(GroupState g, int seeds) {
        int[] n = new int[4];
        for (TrialRecord r : g.records().values()) {
            n[r.status() == TrialStatus.OK ? 0 : r.status() == TrialStatus.FAILED ? 1 : 2]++;
        }
        n[3] = g.plannedTrials(seeds) - g.records().size();
        return n;
    }
}
