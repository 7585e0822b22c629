package org.peft4j.eval.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/** Confusion counts over seeds, the per-class accuracy, and predictions that do not fit the task. */
class ConfusionMatrixTest {

    @Test
    void countsEverySeedAndGivesThePerClassAccuracy() {
        // labels 0 0 1 1 2 2; seed 1 confuses one 2 with 1, seed 2 one 0 with 2 and one 2 with 1
        Predictions first = predictions(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 1, 1, 2});
        Predictions second = predictions(new int[] {0, 0, 1, 1, 2, 2}, new int[] {2, 0, 1, 1, 1, 2});
        ConfusionMatrix m = ConfusionMatrix.of(List.of(first, second), 4, "lora on shapes");
        assertArrayEquals(new long[] {3, 0, 1, 0}, m.counts()[0]);
        assertArrayEquals(new long[] {0, 4, 0, 0}, m.counts()[1]);
        assertArrayEquals(new long[] {0, 2, 2, 0}, m.counts()[2]);
        assertEquals(75.0, m.accuracy(0));
        assertEquals(50.0, m.accuracy(2));
        assertTrue(Double.isNaN(m.accuracy(3)), "class 3 has no test image");
        assertEquals("class,examples,correct,accuracy\n0,4,3,75.0000\n1,4,4,100.0000\n2,4,2,50.0000\n3,0,0,\n",
                m.perClassCsv());
        assertEquals("true\\predicted,0,1,2,3\n0,3,0,1,0\n1,0,4,0,0\n2,0,2,2,0\n3,0,0,0,0\n", m.csv());
        long right = 0;
        for (int c = 0; c < 4; c++) {
            right += m.counts()[c][c];
        }
        assertEquals((5 + 4) / 2.0 / 6 * 100, 100.0 * right / 12, 1e-12, "the diagonal is the mean accuracy over seeds");
    }

    @Test
    void aPredictionOutsideTheTasksClassesIsRefused() {
        Predictions p = predictions(new int[] {0, 1}, new int[] {0, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(List.of(p), 3, "lora on shapes"));
        assertTrue(e.getMessage().startsWith("the predictions of lora on shapes have label 1 and prediction 5 at "
                + "example 1, outside the task's 3 classes"), e.getMessage());
    }

    private static Predictions predictions(int[] labels, int[] predicted) {
        return new Predictions(labels, predicted, new float[labels.length * 6], 6);
    }
}
