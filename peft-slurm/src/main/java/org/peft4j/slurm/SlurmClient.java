package org.peft4j.slurm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The Slurm commands the executor needs. */
public interface SlurmClient {

    /**
     * Submits a batch script under a job name.
     *
     * @param script the script, options in its {@code #SBATCH} lines
     * @param jobName the job's name (overrides the script's)
     * @return the job id
     */
    String submit(Path script, String jobName);

    /**
     * This user's queued or running jobs of one name.
     *
     * @param jobName the name
     * @return state by job id ({@code JOBID_TASK} for array tasks)
     */
    Map<String, String> liveJobsNamed(String jobName);

    /**
     * This user's jobs that are queued or running.
     *
     * @return state by job id ({@code JOBID_TASK} for array tasks)
     */
    Map<String, String> liveJobs();

    /**
     * How a job ended, where the cluster can tell.
     *
     * @param jobId the job id
     * @return its end state, e.g. {@code TIMEOUT}
     */
    Optional<String> endState(String jobId);

    /**
     * The client that runs {@code sbatch}, {@code squeue} and {@code sacct} found on the PATH,
     * for the user of this process.
     *
     * @return the client
     */
    static SlurmClient commandLine() {
        String user = System.getProperty("user.name");
        return new SlurmClient() {
            @Override
            public String submit(Path script, String jobName) {
                return Sbatch.submit(script, jobName);
            }

            @Override
            public Map<String, String> liveJobsNamed(String jobName) {
                return Squeue.liveJobsNamed(user, jobName);
            }

            @Override
            public Map<String, String> liveJobs() {
                return Squeue.liveJobs(user);
            }

            @Override
            public Optional<String> endState(String jobId) {
                return Sacct.endState(jobId);
            }
        };
    }
}
