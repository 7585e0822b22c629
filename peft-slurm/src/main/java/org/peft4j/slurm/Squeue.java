package org.peft4j.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code squeue}: the live jobs of a user, one line per array task
 * ({@code squeue -h -r -u USER -o %i|%T}).
 */
final class Squeue {

    /** States that squeue may list but in which a job will not run any more. */
    private static final Set<String> ENDED = Set.of("COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "PREEMPTED",
            "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "SPECIAL_EXIT", "REVOKED");

    private Squeue() {}

    /**
     * The live jobs of a user.
     *
     * @param user the user name
     * @return state by job id ({@code JOBID_TASK} for array tasks)
     */
    static Map<String, String> liveJobs(String user) {
        return parse(SlurmProcess.run(List.of("squeue", "-h", "-r", "-u", user, "-o", "%i|%T")));
    }

    /**
     * A user's live jobs of one name ({@code squeue -h -r -u USER -n NAME -o %i|%T}).
     *
     * @param user the user
     * @param name the job name
     * @return state by job id
     */
    static Map<String, String> liveJobsNamed(String user, String name) {
        return parse(SlurmProcess.run(List.of("squeue", "-h", "-r", "-u", user, "-n", name, "-o", "%i|%T")));
    }

    /**
     * Parses {@code %i|%T} lines, leaving out jobs in an end state. A pending array whose tasks
     * squeue did not expand ({@code 12_[3-5]}) is expanded here.
     *
     * @param output the command's standard output
     * @return state by job id, in output order
     */
    static Map<String, String> parse(String output) {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (String line : output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw new SlurmException("unexpected squeue line '" + line + "' (expected JOBID|STATE)");
            }
            String id = line.substring(0, bar).strip();
            String state = line.substring(bar + 1).strip();
            if (!ENDED.contains(state)) {
                expand(id).forEach(task -> jobs.put(task, state));
            }
        }
        return jobs;
    }

    /** {@code 12_[3-5,7]} (or {@code 12_[3-5%2]}) → 12_3, 12_4, 12_5, 12_7; other ids unchanged. */
    private static List<String> expand(String id) {
        int open = id.indexOf("_[");
        if (open < 0 || !id.endsWith("]")) {
            return List.of(id);
        }
        String job = id.substring(0, open);
        String ranges = id.substring(open + 2, id.length() - 1);
        int limit = ranges.indexOf('%');
        if (limit >= 0) {
            ranges = ranges.substring(0, limit);
        }
        List<String> out = new java.util.ArrayList<>();
        for (String range : ranges.split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0].strip());
            int to = ends.length > 1 ? Integer.parseInt(ends[1].strip()) : from;
            for (int i = from; i <= to; i++) {
                out.add(job + "_" + i);
            }
        }
        return out;
    }
}
