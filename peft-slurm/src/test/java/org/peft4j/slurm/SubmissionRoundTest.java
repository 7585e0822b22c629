package org.peft4j.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.slurm.SubmissionRound.Submission;

/** The decisions of one look at the queue: submit, wait, resubmit, give up. */
class SubmissionRoundTest {

    private static JobEntry job(String trial, String job, int attempt) {
        return new JobEntry(trial, job, attempt, Instant.parse("2026-12-03T07:00:00Z"));
    }

    @Test
    void newTrialsAreSubmittedAndLiveOnesLeftAlone() {
        List<JobEntry> jobs = List.of(job("a", "12_0", 1), job("b", "12_1", 1));
        SubmissionRound round = SubmissionRound.decide(List.of("a", "b", "c"), jobs,
                Map.of("12_0", "RUNNING", "12_1", "PENDING"), 2);
        assertEquals(List.of(new Submission("c", 1)), round.submit());
        assertEquals(List.of(jobs.get(0)), round.running());
        assertEquals(List.of(jobs.get(1)), round.queued());
        assertTrue(round.ended().isEmpty() && round.givenUp().isEmpty());
    }

    @Test
    void aJobThatLeftTheQueueWithoutARecordIsResubmittedUntilTheLimit() {
        // a: cancelled once (attempt 2 now); b: attempt 3 died with max_resubmits 2: given up;
        // c: its first job died but its second is queued; d: has a record, so it is not pending
        List<JobEntry> jobs = List.of(job("a", "12_0", 1), job("b", "12_1", 1), job("c", "12_2", 1), job("d", "12_3", 1),
                job("b", "13_0", 2), job("c", "13_1", 2), job("b", "14_0", 3));
        SubmissionRound round = SubmissionRound.decide(List.of("a", "b", "c"), jobs, Map.of("13_1", "PENDING"), 2);
        assertEquals(List.of(new Submission("a", 2)), round.submit());
        assertEquals(List.of(jobs.get(0)), round.ended());
        assertEquals(List.of(jobs.get(5)), round.queued());
        assertEquals(List.of(jobs.get(6)), round.givenUp());
        assertTrue(!round.nothingLive());
    }

    @Test
    void withNoResubmissionsAllowedADeadJobIsGivenUpAtOnce() {
        List<JobEntry> jobs = List.of(job("a", "12_0", 1));
        SubmissionRound round = SubmissionRound.decide(List.of("a"), jobs, Map.of(), 0);
        assertTrue(round.submit().isEmpty() && round.nothingLive());
        assertEquals(jobs, round.givenUp());
    }

    @Test
    void liveJobsMatchTheLatestSubmissionsAndCountResubmissions() {
        List<JobEntry> jobs = List.of(job("a", "12_0", 1), job("b", "12_1", 1), job("a", "13_0", 2));
        LiveJobs live = LiveJobs.of(jobs, Map.of("13_0", "RUNNING", "99_0", "RUNNING"));
        assertEquals(Map.of(jobs.get(2), "RUNNING"), live.jobs());
        assertEquals(1, live.resubmissions());
    }

    @Test
    void aCoordinatorKilledBetweenItsIntentAndTheJobsLineFindsTheArrayByNameInsteadOfSubmittingAgain(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        JobsFile jobs = new JobsFile(dir);
        java.time.Instant t = java.time.Instant.parse("2026-12-04T10:00:00Z");
        jobs.append(List.of(new JobEntry("a", "11_0", 1, t)));
        // killed after writing the intent of array-2 and running sbatch, before recording its job
        jobs.append(List.of(new JobEntry("b", "array-2", 1, t), new JobEntry("c", "array-2", 1, t)));
        assertEquals(List.of(new JobEntry("a", "11_0", 1, t)), jobs.read(), "intents are not jobs");
        java.util.Map<String, List<JobEntry>> open = SubmissionIntents.unresolved(jobs.entries());
        assertEquals(java.util.Set.of("array-2"), open.keySet());
        List<JobEntry> found = SubmissionIntents.recovered(open.get("array-2"), Map.of("17_1", "PENDING", "17_0", "RUNNING"));
        assertEquals(List.of(new JobEntry("b", "17_0", 1, t), new JobEntry("c", "17_1", 1, t)), found);
        jobs.append(found);
        assertTrue(SubmissionIntents.unresolved(jobs.entries()).isEmpty(), "recorded once, resolved for good");
        SubmissionRound round = SubmissionRound.decide(List.of("b", "c"), jobs.read(), Map.of("17_0", "RUNNING",
                "17_1", "PENDING"), 2);
        assertTrue(round.submit().isEmpty(), "nothing is submitted twice: " + round.submit());
        assertTrue(SubmissionIntents.recovered(open.get("array-2"), Map.of()).isEmpty(),
                "an array not in the queue was never submitted or has ended: nothing to record");
        assertEquals(SubmissionIntents.jobName("peft4j-x", java.nio.file.Path.of("/s"), "array-2"),
                SubmissionIntents.jobName("peft4j-x", java.nio.file.Path.of("/s"), "array-2"));
        assertFalse(SubmissionIntents.jobName("peft4j-x", java.nio.file.Path.of("/s"), "array-2")
                .equals(SubmissionIntents.jobName("peft4j-x", java.nio.file.Path.of("/t"), "array-2")),
                "two stores of the same comparison name do not share job names");
    }
}
