package org.peft4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The study's learning-rate sequence (docs/methods.md#learning-rate), fixed and with the reference's off-by-one. */
class LrScheduleTest {

    private final LrSchedule reference = TrainingRecipe.study(1e-3, 1e-4).withReferenceSchedule(true).schedule();
    private final LrSchedule fixed = TrainingRecipe.study(1e-3, 1e-4).schedule();

    @Test
    void referenceSequenceIsOneEpochLate() {
        assertEquals(1e-6, reference.forEpoch(0), 1e-12);
        assertEquals(1e-6, reference.forEpoch(1), 1e-12);
        assertEquals(1.009e-4, reference.forEpoch(2), 1e-9);
        assertEquals(2.008e-4, reference.forEpoch(3), 1e-9);
        assertEquals(9.001e-4, reference.forEpoch(10), 1e-9);
        assertEquals(9.758e-4, reference.forEpoch(11), 1e-7);
        assertEquals(1.098e-5, reference.forEpoch(99), 1e-8);
    }

    @Test
    void fixedSequenceUsesTheFormulaOfTheEpoch() {
        assertEquals(1e-6, fixed.forEpoch(0), 1e-12);
        assertEquals(1.009e-4, fixed.forEpoch(1), 1e-9);
        assertEquals(9.758e-4, fixed.forEpoch(10), 1e-7);
        assertEquals(1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + Math.cos(Math.PI * 99 / 100)), fixed.forEpoch(99), 1e-12);
    }
}
