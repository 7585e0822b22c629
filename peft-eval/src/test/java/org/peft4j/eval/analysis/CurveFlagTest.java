package org.peft4j.eval.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The curve rule of docs/reports.md on constructed curves, each on both sides of its threshold. */
class CurveFlagTest {

    @Test
    void aFallingOrFlatteningCurveIsNotFlagged() {
        assertEquals(Optional.empty(), CurveFlag.of(List.of(2.0, 1.2, 0.8, 0.6, 0.55), false));
        assertEquals(Optional.empty(), CurveFlag.of(List.of(2.0, 0.5, 0.54), false), "8% above the lowest: noise");
        assertEquals(Optional.empty(), CurveFlag.of(List.of(1.0), false), "one epoch has no trend");
        assertEquals(Optional.empty(), CurveFlag.of(List.of(), false));
    }

    @Test
    void aLossThatRisesAtTheEndIsFlagged() {
        assertEquals(Optional.of(CurveFlag.ROSE_AT_END), CurveFlag.of(List.of(2.0, 0.5, 0.56), false),
                "12% above the lowest earlier loss");
        assertEquals(Optional.of(CurveFlag.ROSE_AT_END), CurveFlag.of(List.of(2.0, 0.4, 0.9, 1.5), false));
    }

    @Test
    void aLossThatEndsAboveItsStartOrIsNotFiniteOrARecordThatDivergedIsFlaggedDiverged() {
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(2.0, 0.4, 2.1), false));
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(2.0, 3.0), false));
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(2.0, Double.NaN), false));
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(2.0, Double.POSITIVE_INFINITY, 1.0), false));
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(2.0, 1.0), true),
                "the record says the loss became NaN in the epoch the curve does not have");
        assertEquals(Optional.of(CurveFlag.DIVERGED), CurveFlag.of(List.of(), true));
        assertEquals(Optional.empty(), CurveFlag.of(List.of(2.0, 2.0), false), "flat is not above");
    }
}
