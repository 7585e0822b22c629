package org.peft4j.slurm;

import java.nio.file.Path;
import java.util.List;

/** {@code sbatch --parsable SCRIPT}: submits a batch script and returns its job id. */
final class Sbatch {

    private Sbatch() {}

    /**
     * Submits a script; its options are the {@code #SBATCH} lines in it, and the job name given
     * here (which overrides the script's).
     *
     * @param script the batch script
     * @param jobName the job's name
     * @return the job id (of the whole array for an array job)
     */
    static String submit(Path script, String jobName) {
        return jobId(SlurmProcess.run(List.of("sbatch", "--parsable", "--job-name=" + jobName, script.toString())));
    }

    /**
     * The job id in the output of {@code sbatch --parsable}: {@code JOBID} or
     * {@code JOBID;CLUSTER}, possibly after warning lines.
     *
     * @param output the command's standard output
     * @return the job id
     * @throws SlurmException if no line is a job id
     */
    static String jobId(String output) {
        List<String> lines = output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        String id = last.contains(";") ? last.substring(0, last.indexOf(';')) : last;
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch --parsable printed '" + output.strip() + "' instead of a job id; submit "
                    + "the script by hand to see why");
        }
        return id;
    }
}
