package org.peft4j.slurm;

import java.util.List;
import java.util.Optional;

/** {@code sacct}: how a job ended, where the cluster keeps accounting. */
final class Sacct {

    private Sacct() {}

    /**
     * The end state of a job, e.g. {@code TIMEOUT}, {@code PREEMPTED} or {@code CANCELLED}.
     *
     * @param jobId the job id ({@code JOBID_TASK} for an array task)
     * @return the state, or empty where sacct is missing, accounting is off or the job is unknown
     */
    static Optional<String> endState(String jobId) {
        try {
            return state(SlurmProcess.run(List.of("sacct", "-n", "-P", "-X", "-j", jobId, "-o", "State")));
        } catch (SlurmException e) {
            return Optional.empty();
        }
    }

    /**
     * The state in {@code sacct -n -P -X -o State} output: the first word of the first line
     * ({@code CANCELLED by 1000} → {@code CANCELLED}).
     *
     * @param output the command's standard output
     * @return the state, or empty for no line
     */
    static Optional<String> state(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> l.split("\\s+")[0]);
    }
}
