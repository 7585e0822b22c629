package org.peft4j.eval.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    record Point(String name, double accuracy, double cost) {}

    private static List<String> front(Point... points) {
        return ParetoFront.of(List.of(points), Point::accuracy, Point::cost).stream().map(Point::name).toList();
    }

    /** The README's numbers (mean accuracy, inserted parameters) of the built-in benchmark. */
    @Test
    void theFrontOfAccuracyAgainstParametersOnTheBuiltInBenchmark() {
        assertEquals(List.of("linear", "ln", "ssf", "lora"), front(
                new Point("linear", 54.93, 0), new Point("full", 65.55, 467_808), new Point("bitfit", 59.25, 4_416),
                new Point("ln", 61.30, 1_728), new Point("lora", 67.17, 12_288),
                new Point("adaptformer", 64.80, 25_088), new Point("vpt_deep", 55.15, 3_840),
                new Point("ssf", 62.63, 8_832)));
    }

    @Test
    void equalPointsShareTheirFateAndEqualCostKeepsOnlyTheMoreAccurate() {
        assertEquals(List.of("a", "b", "d"), front(new Point("a", 70, 1), new Point("b", 70, 1),
                new Point("c", 60, 1), new Point("d", 80, 5)));
        // same accuracy at a higher cost is dominated
        assertEquals(List.of("a"), front(new Point("a", 70, 1), new Point("e", 70, 2)));
    }

    @Test
    void everyPointIsOnTheFrontWhenAccuracyRisesWithCost() {
        assertEquals(List.of("x", "y", "z"), front(new Point("z", 90, 30), new Point("x", 50, 10),
                new Point("y", 70, 20)));
    }

    @Test
    void pointsWithoutANumberAreLeftOut() {
        assertEquals(List.of("b"), front(new Point("a", Double.NaN, 0), new Point("b", 60, 3),
                new Point("c", 99, Double.NaN)));
        assertEquals(List.of(), front());
    }
}
