package org.peft4j.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing the output of sbatch, squeue and sacct (samples from Slurm 22.05). */
class SlurmOutputTest {

    @Test
    void sbatchParsableGivesTheJobIdWithOrWithoutClusterAndAfterWarnings() {
        assertEquals("4211", Sbatch.jobId("4211\n"));
        assertEquals("4211", Sbatch.jobId("4211;cluster-a\n"));
        assertEquals("17", Sbatch.jobId("sbatch: warning: can't honor --ntasks-per-node set to 1\n17\n"));
        SlurmException e = assertThrows(SlurmException.class,
                () -> Sbatch.jobId("sbatch: error: Batch job submission failed: Invalid partition name specified"));
        assertTrue(e.getMessage().startsWith("sbatch --parsable printed 'sbatch: error: Batch job submission failed"),
                e.getMessage());
    }

    @Test
    void aMissingSlurmCommandIsExplainedInOneLine() {
        SlurmException e = assertThrows(SlurmException.class, () -> SlurmProcess.run(List.of("peft4j-no-such-sbatch")));
        // as root the JVM says "not found"; as a user whose PATH names a folder it may not search, "permission denied"
        assertTrue(e.getMessage().startsWith("peft4j-no-such-sbatch not found on PATH"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": --executor slurm needs the Slurm client commands (sbatch, squeue, sacct); "
                + "install slurm-client or run on a login node"), e.getMessage());
    }

    @Test
    void squeueListsArrayTasksAndLeavesEndedJobsOut() {
        String output = """
                12_0|RUNNING
                12_1|RUNNING
                12_[2-4,7%2]|PENDING
                13|COMPLETING
                14_0|CANCELLED
                15_3|PREEMPTED
                16_0|CONFIGURING
                """;
        Map<String, String> live = Squeue.parse(output);
        assertEquals(List.of("12_0", "12_1", "12_2", "12_3", "12_4", "12_7", "13", "16_0"), List.copyOf(live.keySet()));
        assertEquals("PENDING", live.get("12_7"));
        assertEquals("COMPLETING", live.get("13"));
        assertEquals(Map.of("1_0", "PENDING", "1_1", "PENDING"), Squeue.parse("1_[0-1]|PENDING\n"),
                "squeue without -r, as printed by slurm-local.sh's Slurm 22.05.8");
        assertEquals(Map.of(), Squeue.parse(""));
        assertThrows(SlurmException.class, () -> Squeue.parse("12_0 RUNNING\n"));
    }

    @Test
    void sacctGivesTheFirstWordOfTheStateAndNothingWithoutAccounting() {
        assertEquals(Optional.of("CANCELLED"), Sacct.state("CANCELLED by 0\n"));
        assertEquals(Optional.of("TIMEOUT"), Sacct.state("TIMEOUT\n"));
        assertEquals(Optional.empty(), Sacct.state(""));
        assertEquals(Optional.empty(), Sacct.endState("1_0"), "sacct fails here, or says 'Slurm accounting storage "
                + "is disabled' on the local cluster: no end state, no error");
    }
}
