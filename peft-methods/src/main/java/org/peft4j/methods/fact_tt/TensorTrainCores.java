package org.peft4j.methods.fact_tt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.methods.fact.FactCores;
import org.peft4j.methods.fact.FactShape;
import org.peft4j.methods.fact.FactVariant;

/**
 * FacT-TT cores: per block, {@code per_block_para.{i}.attn.{0..3}.weight} = Σ_q, Σ_k, Σ_v, Σ_o
 * (d × d), {@code mlp.0.weight} = Σ_1 (k·d × d) and {@code mlp.1.weight} = Σ_2 (d × k·d), all
 * linear layers (PyTorch default init, trunc_normal(0.02) under reference-compat).
 */
final class TensorTrainCores implements FactCores {

    private final List<List<ParameterHandle>> attention = new ArrayList<>();
    private final List<ParameterHandle> fc1 = new ArrayList<>();
    private final List<ParameterHandle> fc2 = new ArrayList<>();

    private TensorTrainCores(PeftHost host, String prefix, FactShape shape) {
        int d = shape.rank();
        int wide = shape.hiddenRatio() * d;
        for (int i = 0; i < shape.depth(); i++) {
            String p = prefix + "per_block_para." + i + ".";
            List<ParameterHandle> sigmas = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                sigmas.add(host.linearWeight(p + "attn." + j + ".weight", d, d, Init.kaimingUniform()));
            }
            attention.add(sigmas);
            fc1.add(host.linearWeight(p + "mlp.0.weight", wide, d, Init.kaimingUniform()));
            fc2.add(host.linearWeight(p + "mlp.1.weight", d, wide, Init.kaimingUniform()));
        }
    }

    @Override
    public NDArray attention(int block) {
        NDList sigmas = new NDList();
        attention.get(block).forEach(h -> sigmas.add(h.array()));
        return NDArrays.stack(sigmas);
    }

    @Override
    public NDArray fc1(int block) {
        return fc1.get(block).array();
    }

    @Override
    public NDArray fc2(int block) {
        return fc2.get(block).array();
    }

    /** The tensor-train variant. */
    static final class Variant implements FactVariant {

        @Override
        public FactCores create(PeftHost host, String prefix, FactShape shape) {
            return new TensorTrainCores(host, prefix, shape);
        }

        @Override
        public long coreParameters(FactShape shape) {
            long d = shape.rank();
            return shape.depth() * (4 * d * d + 2L * shape.hiddenRatio() * d * d);
        }
    }
}
