package org.peft4j.methods.fact_tk;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.methods.fact.FactCores;
import org.peft4j.methods.fact.FactShape;
import org.peft4j.methods.fact.FactVariant;

/**
 * FacT-TK cores from {@code FacTp} P (d, (4 + 2k)·L) and {@code FacTc} Cc (d, d, d), raw tensors
 * with xavier-uniform init (kept under reference-compat). Block i owns the column block of P
 * starting at (4 + 2k)·i, with the reference's index layout:
 * <ul>
 *   <li>attention: {@code T = Cc ×₃ P[:, s : s+4]} (d, d, 4), {@code M_j = T[:, :, j]}; the core of
 *       projection j is {@code M_jᵀ} (q, k, v, o for j = 0..3);
 *   <li>MLP: {@code T' = Cc ×₃ P[:, s+4 : s+4+2k]} (d, d, 2k); {@code M1[a, b·k + j] = T'[a, b, j]},
 *       {@code M2[a, b·k + j] = T'[a, b, k + j]} (d × k·d); the fc1 core is {@code M1ᵀ}, the fc2
 *       core {@code M2}.
 * </ul>
 */
final class TuckerCores implements FactCores {

    private final ParameterHandle factors;
    private final ParameterHandle core;
    private final FactShape shape;

    private TuckerCores(ParameterHandle factors, ParameterHandle core, FactShape shape) {
        this.factors = factors;
        this.core = core;
        this.shape = shape;
    }

    private static int columnsPerBlock(FactShape shape) {
        return 4 + 2 * shape.hiddenRatio();
    }

    @Override
    public NDArray attention(int block) {
        int start = block * columnsPerBlock(shape);
        return modeProduct(start, 4).transpose(2, 1, 0);
    }

    @Override
    public NDArray fc1(int block) {
        return mlpMatrix(block, 0).transpose();
    }

    @Override
    public NDArray fc2(int block) {
        return mlpMatrix(block, 1);
    }

    /** {@code T'[:, :, half·k : (half+1)·k]} reshaped to (d, k·d). */
    private NDArray mlpMatrix(int block, int half) {
        int k = shape.hiddenRatio();
        int start = block * columnsPerBlock(shape) + 4 + half * k;
        return modeProduct(start, k).reshape(shape.rank(), (long) k * shape.rank());
    }

    /** {@code Cc ×₃ P[:, start : start+width]}: (d, d, width). */
    private NDArray modeProduct(int start, int width) {
        return core.array().matMul(factors.array().get(new NDIndex(":, {}:{}", start, start + width)));
    }

    /** The Tucker variant. */
    static final class Variant implements FactVariant {

        @Override
        public FactCores create(PeftHost host, String prefix, FactShape shape) {
            int d = shape.rank();
            return new TuckerCores(
                    host.parameter(prefix + "FacTp", new Shape(d, (long) columnsPerBlock(shape) * shape.depth()),
                            Init.xavierUniform()),
                    host.parameter(prefix + "FacTc", new Shape(d, d, d), Init.xavierUniform()),
                    shape);
        }

        @Override
        public long coreParameters(FactShape shape) {
            long d = shape.rank();
            return d * columnsPerBlock(shape) * shape.depth() + d * d * d;
        }
    }
}
