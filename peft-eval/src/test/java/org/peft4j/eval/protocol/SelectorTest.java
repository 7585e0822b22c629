package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peft4j.eval.protocol.Fixtures.outcome;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectorTest {

    private static int winner(List<TuningOutcome> outcomes) {
        return Selector.select(outcomes).orElseThrow().winner().trial().gridIndex();
    }

    @Test
    void theHigherUnroundedValidationAccuracyWinsWhateverTheGridOrder() {
        // both round to 87.50, as the reference would compare them
        assertEquals(1, winner(List.of(outcome(0, TrialStatus.OK, 87.496, 10), outcome(1, TrialStatus.OK, 87.504, 1000))));
        assertEquals(0, winner(List.of(outcome(0, TrialStatus.OK, 60.5, 1000), outcome(1, TrialStatus.OK, 60.0, 1))));
    }

    @Test
    void tiesGoToFewerInsertedParametersThenToTheEarlierGridPoint() {
        List<TuningOutcome> outcomes = new ArrayList<>(List.of(outcome(0, TrialStatus.OK, 90.0, 1000),
                outcome(1, TrialStatus.OK, 90.0, 10), outcome(2, TrialStatus.OK, 90.0, 10),
                outcome(3, TrialStatus.OK, 89.5, 1)));
        assertEquals(1, winner(outcomes));
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(outcomes, random);
            assertEquals(1, winner(outcomes), "the choice does not depend on the order of the outcomes");
        }
    }

    @Test
    void divergedAndFailedTrialsAreNeverSelected() {
        assertEquals(2, winner(List.of(outcome(0, TrialStatus.DIVERGED, Double.NaN, 1),
                outcome(1, TrialStatus.FAILED, Double.NaN, 1), outcome(2, TrialStatus.OK, 12.5, 5000))));
        assertTrue(Selector.select(List.of(outcome(0, TrialStatus.DIVERGED, Double.NaN, 1),
                outcome(1, TrialStatus.FAILED, Double.NaN, Long.MAX_VALUE))).isEmpty());
        Selection s = Selector.select(List.of(outcome(0, TrialStatus.FAILED, Double.NaN, 1),
                outcome(1, TrialStatus.OK, 50, 1))).orElseThrow();
        assertEquals(2, s.candidates());
        assertEquals(1, s.usable());
    }

    @Test
    void finalTrialsRetrainTheWinnerOnTrainPlusValWithExplicitSeeds() {
        TuningOutcome best = outcome(1, TrialStatus.OK, 75, 10);
        List<FinalTrial> finals = Selector.select(List.of(outcome(0, TrialStatus.OK, 70, 10), best)).orElseThrow()
                .finalTrials(3);
        assertEquals(3, finals.size());
        for (int i = 0; i < 3; i++) {
            FinalTrial f = finals.get(i);
            assertEquals(TrialKind.FINAL, f.kind());
            assertEquals("train800val200", f.trainSplit());
            assertEquals("test", f.evalSplit());
            assertEquals(best.trialId(), f.selectedFrom());
            assertEquals(i, f.seedIndex());
            assertEquals(42 + i, f.settings().recipe().seed());
            assertEquals(best.trial().settings().withSeed(42 + i), f.settings(), "only the seed differs");
        }
        assertEquals(3, new HashSet<>(finals.stream().map(Trial::id).toList()).size());
        assertNotEquals(best.trialId(), finals.get(0).id(), "same settings, other stage: another trial");
    }
}
