package org.peft4j.methods.fact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Pins FacT-TT's and FacT-TK's weight deltas (read off a merge) to the index layouts of {@code docs/methods.md#fact}.
 *
 * <p>The layouts are evaluated here with plain loops; together with the conformance kit's merge check
 * (merged == unmerged) this pins the forward layouts too. Also checks that FacT's tensors exist
 * once, under {@code blocks.0.attn.fact.}.
 */
class FactLayoutTest {

    private static final int D = 192;
    private static final int RANK = 4;
    private static final int K = 4;
    private static final float SCALE = 2f;
    private static final List<Integer> BLOCKS = List.of(1, 5);
    private static final String F = "blocks.0.attn.fact.";

    @Test
    void tuckerDeltasFollowTheReferenceLayout() {
        Map<String, double[][]> delta = new HashMap<>();
        Map<String, double[][]> fact = mergedDeltas("fact_tk", delta);
        double[][] p = fact.get(F + "FacTp");
        double[][] cc = fact.get(F + "FacTc"); // (d, d·d) with column index b·d + l
        for (int block : BLOCKS) {
            int s = block * 12;
            double[][] t = new double[RANK * RANK][12]; // t[a·d + b][j] = Σ_l Cc[a, b, l]·P[l, s + j]
            for (int a = 0; a < RANK; a++) {
                for (int b = 0; b < RANK; b++) {
                    for (int j = 0; j < 12; j++) {
                        for (int l = 0; l < RANK; l++) {
                            t[a * RANK + b][j] += cc[a][b * RANK + l] * p[l][s + j];
                        }
                    }
                }
            }
            String w = "blocks." + block + ".";
            double[][] qkv = new double[3 * D][];
            for (int j = 0; j < 3; j++) {
                double[][] mjT = new double[RANK][RANK]; // M_jᵀ[b][a] = T[a, b, j]
                for (int a = 0; a < RANK; a++) {
                    for (int b = 0; b < RANK; b++) {
                        mjT[b][a] = t[a * RANK + b][j];
                    }
                }
                System.arraycopy(vcu(fact, mjT), 0, qkv, j * D, D);
            }
            assertClose(qkv, delta.get(w + "attn.qkv.weight"));
            double[][] m3T = new double[RANK][RANK];
            for (int a = 0; a < RANK; a++) {
                for (int b = 0; b < RANK; b++) {
                    m3T[b][a] = t[a * RANK + b][3];
                }
            }
            assertClose(vcu(fact, m3T), delta.get(w + "attn.proj.weight"));
            double[][] m1 = new double[RANK][K * RANK]; // M1[a, b·4 + k] = T'[a, b, k]
            double[][] m2 = new double[RANK][K * RANK]; // M2[a, b·4 + k] = T'[a, b, 4 + k]
            for (int a = 0; a < RANK; a++) {
                for (int b = 0; b < RANK; b++) {
                    for (int k = 0; k < K; k++) {
                        m1[a][b * K + k] = t[a * RANK + b][4 + k];
                        m2[a][b * K + k] = t[a * RANK + b][8 + k];
                    }
                }
            }
            double[][] fc1 = new double[K * D][];
            double[][] fc2 = new double[D][K * D];
            for (int c = 0; c < K; c++) {
                // chunk c of z = (Ux)ᵀM1 is M1[:, c·d..]ᵀ·Ux; the fc2 chunk c reads M2[:, c·d..]
                System.arraycopy(vcu(fact, transpose(columns(m1, c * RANK, RANK))), 0, fc1, c * D, D);
                pasteColumns(fc2, vcu(fact, columns(m2, c * RANK, RANK)), c * D);
            }
            assertClose(fc1, delta.get(w + "mlp.fc1.weight"));
            assertClose(fc2, delta.get(w + "mlp.fc2.weight"));
        }
    }

    @Test
    void tensorTrainDeltasFollowTheReferenceLayout() {
        Map<String, double[][]> delta = new HashMap<>();
        Map<String, double[][]> fact = mergedDeltas("fact_tt", delta);
        for (int block : BLOCKS) {
            String c0 = F + "per_block_para." + block + ".";
            String w = "blocks." + block + ".";
            double[][] qkv = new double[3 * D][];
            for (int j = 0; j < 3; j++) {
                System.arraycopy(vcu(fact, fact.get(c0 + "attn." + j + ".weight")), 0, qkv, j * D, D);
            }
            assertClose(qkv, delta.get(w + "attn.qkv.weight"));
            assertClose(vcu(fact, fact.get(c0 + "attn.3.weight")), delta.get(w + "attn.proj.weight"));
            double[][] sigma1 = fact.get(c0 + "mlp.0.weight");
            double[][] sigma2 = fact.get(c0 + "mlp.1.weight");
            double[][] fc1 = new double[K * D][];
            double[][] fc2 = new double[D][K * D];
            for (int c = 0; c < K; c++) {
                double[][] rows = new double[RANK][];
                System.arraycopy(sigma1, c * RANK, rows, 0, RANK);
                System.arraycopy(vcu(fact, rows), 0, fc1, c * D, D);
                pasteColumns(fc2, vcu(fact, columns(sigma2, c * RANK, RANK)), c * D);
            }
            assertClose(fc1, delta.get(w + "mlp.fc1.weight"));
            assertClose(fc2, delta.get(w + "mlp.fc2.weight"));
        }
    }

    /**
     * Attaches a FacT variant (d 4, scale 2) to vit-tiny, perturbs it, records its tensors, merges
     * and puts the base weights' changes into {@code delta}.
     *
     * @return the FacT tensors by name, 3-D ones flattened to (d, d·d)
     */
    private static Map<String, double[][]> mergedDeltas(String method, Map<String, double[][]> delta) {
        try (VisionTransformer vit = TestModels.tiny(21)) {
            PeftModel model = TestModels.attach(
                    vit, method, Map.of("dim", String.valueOf(RANK), "scale", String.valueOf(SCALE)), false);
            TestModels.perturb(model, 0.1f, 23);
            for (String name : model.addedParameters()) {
                assertTrue(name.startsWith(F), name + " should be under " + F);
            }
            assertEquals(method.equals("fact_tk") ? 4 : 2 + 6 * vit.shape().depth(), model.addedParameters().size());
            Map<String, double[][]> fact = new HashMap<>();
            model.addedParameters().forEach(n -> fact.put(n, matrix(vit, n)));
            Map<String, double[][]> before = new HashMap<>();
            for (int block : BLOCKS) {
                for (String layer : List.of("attn.qkv", "attn.proj", "mlp.fc1", "mlp.fc2")) {
                    String name = "blocks." + block + "." + layer + ".weight";
                    before.put(name, matrix(vit, name));
                }
            }
            model.merge();
            before.forEach((name, old) -> {
                double[][] now = matrix(vit, name);
                for (int i = 0; i < now.length; i++) {
                    for (int j = 0; j < now[i].length; j++) {
                        now[i][j] -= old[i][j];
                    }
                }
                delta.put(name, now);
            });
            return fact;
        }
    }

    /** s·V·core·U for a (d, d) core. */
    private static double[][] vcu(Map<String, double[][]> fact, double[][] core) {
        double[][] out = multiply(multiply(fact.get(F + "FacTv.weight"), core), fact.get(F + "FacTu.weight"));
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= SCALE;
            }
        }
        return out;
    }

    private static double[][] matrix(VisionTransformer vit, String name) {
        float[] values = vit.parameters().get(name).array().toFloatArray();
        long[] shape = vit.parameters().get(name).array().getShape().getShape();
        int rows = (int) shape[0];
        int cols = values.length / rows;
        double[][] m = new double[rows][cols];
        for (int i = 0; i < values.length; i++) {
            m[i / cols][i % cols] = values[i];
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int l = 0; l < b.length; l++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][l] * b[l][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] columns(double[][] a, int from, int count) {
        double[][] out = new double[a.length][count];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], from, out[i], 0, count);
        }
        return out;
    }

    private static void pasteColumns(double[][] target, double[][] block, int from) {
        for (int i = 0; i < block.length; i++) {
            System.arraycopy(block[i], 0, target[i], from, block[i].length);
        }
    }

    private static void assertClose(double[][] expected, double[][] actual) {
        double max = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j]));
                diff = Math.max(diff, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(max > 1e-4, "the delta should not vanish");
        assertTrue(diff <= 1e-4 * max + 1e-7, "max deviation " + diff + " for deltas up to " + max);
    }
}
