package org.peft4j.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
