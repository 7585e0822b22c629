package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Selection under {@code reference-compat}: PETL_Vision rounds the validation accuracy to 2
 * decimals ({@code Trainer.eval_classifier}) and keeps the last of the best rows of its
 * {@code tune_summary.csv} ({@code final_run}: a stable sort, then {@code [-1]}), whose rows follow
 * scikit-learn's {@code ParameterGrid}: keys sorted alphabetically, the last varying fastest.
 */
class ReferenceSelectionTest {

    private static final List<Double> LRS = List.of(1e-3, 1e-2);
    private static final List<Double> WDS = List.of(1e-4, 1e-3);

    /** Python 3's {@code round(x, 2)} of each value, printed by CPython 3.11. */
    @Test
    void roundsAsPythonDoes() {
        double[][] pythonRound = {{87.505, 87.5}, {0.125, 0.12}, {2.675, 2.67}, {33.335, 33.34}, {33.345, 33.34},
                {45.125, 45.12}, {45.135, 45.13}, {100.0 * 2 / 3, 66.67}, {100.0 / 3, 33.33}, {87.49999999, 87.5}};
        for (double[] pair : pythonRound) {
            assertEquals(pair[1], Selector.rounded(pair[0]), "round(" + pair[0] + ", 2)");
        }
    }

    @Test
    void aTieThatExistsOnlyAfterRoundingGoesToTheLaterRowOfTheReferencesGrid() {
        // LoRA: the reference's keys are lora_bottleneck < lr < wd, so the rank varies slowest; in
        // peft4j's grid order the learning rate does.
        Map<String, List<String>> ranks = Map.of("rank", List.of("1", "8", "16", "32"));
        List<TuningOutcome> grid = grid("lora", ranks, p -> p.equals("rank=1 lr=0.01 wd=1.0E-4") ? 66.6704
                : p.equals("rank=8 lr=0.001 wd=1.0E-4") ? 66.666 : p.equals("rank=1 lr=0.001 wd=0.001") ? 66.6649 : 50,
                true);
        TuningOutcome higherUnrounded = find(grid, "rank=1 lr=0.01 wd=1.0E-4");
        TuningOutcome laterInTheReference = find(grid, "rank=8 lr=0.001 wd=1.0E-4");
        assertTrue(higherUnrounded.trial().gridIndex() > laterInTheReference.trial().gridIndex(),
                "the first is the later of the two in peft4j's grid order");
        assertEquals(laterInTheReference, winner(grid));

        List<TuningOutcome> byDefault = grid("lora", ranks, p -> accuracy(grid, p), false);
        assertEquals(point(higherUnrounded), point(winner(byDefault)), "outside compat: the highest unrounded");
    }

    @Test
    void aTieGoesToTheLaterRowAlthoughTheLearningRateVariesFasterThere() {
        // ConvPass: convpass_bottleneck < convpass_scaler < convpass_xavier_init < lr < wd
        Map<String, List<String>> hp = new LinkedHashMap<>();
        hp.put("bottleneck", List.of("8", "16"));
        hp.put("scale", List.of("0.01", "0.1", "1", "10", "100"));
        hp.put("xavier_init", List.of("true", "false"));
        String a = "bottleneck=8 scale=100 xavier_init=false lr=0.01 wd=0.001";
        String b = "bottleneck=16 scale=0.01 xavier_init=true lr=0.001 wd=1.0E-4";
        String c = "bottleneck=16 scale=0.01 xavier_init=true lr=0.001 wd=0.001";
        List<TuningOutcome> grid = new ArrayList<>(grid("convpass", hp,
                p -> p.equals(a) || p.equals(b) ? 90.0 : p.equals(c) ? 89.995 : 80, true));
        assertTrue(find(grid, a).trial().gridIndex() > find(grid, c).trial().gridIndex(),
                "a is the later in peft4j's order");
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            Collections.shuffle(grid, random);
            assertEquals(c, point(winner(grid)), "89.995 rounds to 90.00 and its row is the last of the three");
        }
        List<TuningOutcome> twoTied = grid("convpass", hp, p -> p.equals(a) || p.equals(b) ? 90.0 : 80, true);
        assertEquals(b, point(winner(twoTied)));
    }

    @Test
    void theReferenceOrderIsAlphabeticalOnItsKeysWithTheLastVaryingFastest() {
        Map<String, List<String>> hp = new LinkedHashMap<>();
        hp.put("bottleneck", List.of("4", "8"));
        hp.put("scale", List.of("0.1", "10"));
        // pfeiffer: adapter_bottleneck < adapter_scaler < lr < wd, written out by hand
        List<String> expected = new ArrayList<>();
        for (String bottleneck : hp.get("bottleneck")) {
            for (String scale : hp.get("scale")) {
                for (double lr : LRS) {
                    for (double wd : WDS) {
                        expected.add("bottleneck=" + bottleneck + " scale=" + scale + " lr=" + lr + " wd=" + wd);
                    }
                }
            }
        }
        List<TuningOutcome> grid = new ArrayList<>(grid("pfeiffer", hp, p -> 50, true));
        Collections.shuffle(grid, new Random(5));
        assertEquals(expected, grid.stream().sorted(ReferenceGridOrder.of(grid)).map(ReferenceSelectionTest::point)
                .toList());
        assertEquals(expected.get(expected.size() - 1), point(winner(grid)), "all tied: the last row");
        // VPT: lr < vpt_num < wd
        List<TuningOutcome> vpt = grid("vpt_deep", Map.of("prompts", List.of("5", "10")), p -> 50, true);
        assertEquals(List.of("prompts=5 lr=0.001 wd=1.0E-4", "prompts=5 lr=0.001 wd=0.001",
                "prompts=10 lr=0.001 wd=1.0E-4", "prompts=10 lr=0.001 wd=0.001", "prompts=5 lr=0.01 wd=1.0E-4"),
                vpt.stream().sorted(ReferenceGridOrder.of(vpt)).map(ReferenceSelectionTest::point).toList()
                        .subList(0, 5));
    }

    @Test
    void divergedAndFailedTrialsAreNoCandidatesUnderCompatEither() {
        List<TuningOutcome> grid = grid("lora", Map.of("rank", List.of("1", "8")), p -> 10, true);
        List<TuningOutcome> broken = new ArrayList<>();
        for (TuningOutcome o : grid) {
            boolean keep = point(o).equals("rank=1 lr=0.001 wd=1.0E-4");
            broken.add(keep ? o : new TuningOutcome(o.trial(), o.trialId(),
                    o.trial().gridIndex() % 2 == 0 ? TrialStatus.DIVERGED : TrialStatus.FAILED, Double.NaN, Double.NaN,
                    1));
        }
        Selection selection = Selector.select(broken).orElseThrow();
        assertEquals("rank=1 lr=0.001 wd=1.0E-4", point(selection.winner()));
        assertEquals(1, selection.usable());
    }

    private static TuningOutcome winner(List<TuningOutcome> outcomes) {
        return Selector.select(outcomes).orElseThrow().winner();
    }

    /**
     * A complete (method, task) grid in peft4j's order: learning rate outermost, then the method's
     * keys in the order given (the last fastest), weight decay innermost.
     */
    private static List<TuningOutcome> grid(String method, Map<String, List<String>> methodGrid,
            ToDoubleFunction<String> accuracy, boolean compat) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> key : methodGrid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : key.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(key.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<TuningOutcome> outcomes = new ArrayList<>();
        for (double lr : LRS) {
            for (Map<String, String> p : points) {
                for (double wd : WDS) {
                    TrialSettings s = Fixtures.settings(method, p, lr, wd);
                    TuningTrial trial = new TuningTrial(new TrialSettings(s.protocol(), s.model(), s.checkpoint(),
                            s.dataRoot(), s.normalization(), s.task(), s.method(), s.methodVersion(), s.spiVersion(),
                            s.hyperparameters(), s.recipe(), compat), outcomes.size());
                    TuningOutcome draft = new TuningOutcome(trial, trial.id(), TrialStatus.OK, 0, 0.5, 1000);
                    outcomes.add(new TuningOutcome(trial, trial.id(), TrialStatus.OK,
                            accuracy.applyAsDouble(point(draft)), 0.5, 1000 - outcomes.size()));
                }
            }
        }
        return outcomes;
    }

    private static String point(TuningOutcome o) {
        TrialSettings s = o.trial().settings();
        StringBuilder text = new StringBuilder();
        s.hyperparameters().forEach((k, v) -> text.append(k).append('=').append(v).append(' '));
        return text + "lr=" + s.recipe().lr() + " wd=" + s.recipe().weightDecay();
    }

    private static TuningOutcome find(List<TuningOutcome> grid, String point) {
        return grid.stream().filter(o -> point(o).equals(point)).findFirst().orElseThrow(() -> new AssertionError(point));
    }

    private static double accuracy(List<TuningOutcome> grid, String point) {
        return find(grid, point).valAccuracy();
    }
}
