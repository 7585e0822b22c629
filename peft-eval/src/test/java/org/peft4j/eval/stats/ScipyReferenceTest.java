package org.peft4j.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the statistics with SciPy 1.14.1 values computed once by
 * {@code src/test/python/stats_reference.py} and committed as {@code stats/scipy-reference.json}.
 */
class ScipyReferenceTest {

    private static JsonObject ref;

    @BeforeAll
    static void read() throws Exception {
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                ScipyReferenceTest.class.getResourceAsStream("/stats/scipy-reference.json")), StandardCharsets.UTF_8)) {
            ref = JsonParser.parseReader(r).getAsJsonObject();
        }
        assertEquals("1.14.1", ref.get("scipy").getAsString());
    }

    @Test
    void mcnemarMatchesBinomtest() {
        for (JsonElement e : ref.getAsJsonArray("mcnemar")) {
            JsonObject o = e.getAsJsonObject();
            McNemarExact t = McNemarExact.of(o.get("b").getAsInt(), o.get("c").getAsInt());
            assertEquals(o.get("p").getAsDouble(), t.p(), 1e-9, o.toString());
        }
    }

    @Test
    void friedmanMatchesFriedmanchisquare() {
        for (JsonElement e : ref.getAsJsonArray("friedman")) {
            JsonObject o = e.getAsJsonObject();
            FriedmanTest t = FriedmanTest.of(matrix(o.getAsJsonArray("scores").toString()));
            assertEquals(o.get("chi2").getAsDouble(), t.chiSquare(), 1e-9);
            assertEquals(o.get("p").getAsDouble(), t.p(), 1e-9);
            assertEquals(o.get("F").getAsDouble(), t.imanDavenportF(), 1e-9);
            assertEquals(o.get("pF").getAsDouble(), t.imanDavenportP(), 1e-9);
            assertArrayEquals(doubles(o.getAsJsonArray("averageRanks").toString()), t.averageRanks(), 1e-12);
        }
    }

    /** The quantile is integrated numerically; 1e-6 is far below the 3 decimals anyone reads. */
    @Test
    void nemenyiQMatchesStudentizedRange() {
        for (JsonElement e : ref.getAsJsonArray("nemenyi")) {
            JsonObject o = e.getAsJsonObject();
            assertEquals(o.get("q").getAsDouble(), Nemenyi.qAlpha(o.get("k").getAsInt(), o.get("alpha").getAsDouble()),
                    1e-6, o.toString());
        }
    }

    @Test
    void stdSpreadMatchesChi2() {
        for (JsonElement e : ref.getAsJsonArray("stdSpread")) {
            JsonObject o = e.getAsJsonObject();
            StdSpread s = StdSpread.of(o.get("seeds").getAsInt(), 0.95);
            assertEquals(o.get("lower").getAsDouble(), s.lowerFactor(), 1e-9);
            assertEquals(o.get("upper").getAsDouble(), s.upperFactor(), 1e-9);
        }
    }

    @Test
    void holmMatchesDefinition() {
        JsonObject o = ref.getAsJsonObject("holm");
        assertArrayEquals(doubles(o.getAsJsonArray("adjusted").toString()),
                Holm.adjust(doubles(o.getAsJsonArray("p").toString())), 1e-12);
    }

    @Test
    void percentileMatchesNumpy() {
        JsonObject o = ref.getAsJsonObject("percentile");
        double[] values = doubles(o.getAsJsonArray("values").toString());
        double[] q = doubles(o.getAsJsonArray("q").toString());
        double[] expected = doubles(o.getAsJsonArray("expected").toString());
        for (int i = 0; i < q.length; i++) {
            assertEquals(expected[i], BootstrapInterval.percentile(values, q[i]), 1e-12);
        }
    }

    /**
     * Different random streams: both intervals are Monte Carlo estimates with B = 100000, whose
     * bounds move by about 0.1 points between streams; bounds are multiples of 0.5 (n = 200).
     */
    @Test
    void bootstrapMatchesScipyWithinMonteCarloError() {
        JsonObject o = ref.getAsJsonObject("bootstrap");
        int right = o.get("right").getAsInt();
        boolean[] correct = new boolean[o.get("total").getAsInt()];
        for (int i = 0; i < right; i++) {
            correct[i] = true;
        }
        Interval ci = BootstrapInterval.of(new boolean[][] {correct}, 0.95, o.get("replicates").getAsInt(), 1);
        assertEquals(o.get("lower").getAsDouble(), ci.lower(), 0.5);
        assertEquals(o.get("upper").getAsDouble(), ci.upper(), 0.5);
    }

    private static double[][] matrix(String json) {
        return new com.google.gson.Gson().fromJson(json, double[][].class);
    }

    private static double[] doubles(String json) {
        return new com.google.gson.Gson().fromJson(json, double[].class);
    }
}
