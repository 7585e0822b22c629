package org.peft4j.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.Site;
import org.peft4j.api.SpiVersion;

/**
 * A small LoRA-like test method: a scaled low-rank delta B·A on every block's qkv (B starts at
 * zero), plus training of the norm1 biases. Mergeable, with a closed-form count. Each {@link Flaw}
 * breaks one rule that a conformance check must catch.
 */
final class ToyLoraProvider implements PeftMethodProvider {

    /** Deliberate defects. */
    enum Flaw {
        /** A correct method. */
        NONE,
        /** Declares SPI 1.0, a major version this runtime refuses. */
        OTHER_SPI,
        /** The closed-form count is one too high. */
        WRONG_COUNT,
        /** merge() folds only block 0. */
        WRONG_MERGE,
        /** Creates a parameter that the forward pass never reads. */
        UNUSED_PARAMETER,
        /** Scales a frozen base weight in place while attaching. */
        TOUCHES_BASE,
        /** Adds random noise kept outside its parameters, so a reloaded model computes otherwise. */
        HIDDEN_STATE,
        /** Creates a parameter under "head.". */
        HEAD_NAME,
        /** Hides its capabilities: neither mergeable nor with a closed form. */
        PLAIN
    }

    private final Flaw flaw;

    /** A correct provider, as ServiceLoader would create it. */
    ToyLoraProvider() {
        this(Flaw.NONE);
    }

    ToyLoraProvider(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "toy-lora";
    }

    @Override
    public String spiVersion() {
        return flaw == Flaw.OTHER_SPI ? "1.0" : SpiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "low-rank qkv delta and norm1 biases, for testing the kit";
    }

    @Override
    public String citation() {
        return "peft4j tests";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of(
                Hyperparameter.integer("rank", 4, 1, 64, List.of(2, 4), "rank of the delta"),
                Hyperparameter.real("scale", 1.0, 0.0, 100.0, List.of(), "multiplier of the delta"),
                Hyperparameter.bool("tune_bias", true, "also train the norm1 biases"));
    }

    @Override
    public PeftMethod create(Hyperparameters h) {
        ToyLora method = new ToyLora(h.getInt("rank"), (float) h.getDouble("scale"), h.getBoolean("tune_bias"), flaw);
        return flaw == Flaw.PLAIN ? method::attach : method;
    }

    /** The method. */
    static final class ToyLora implements PeftMethod, Mergeable, ClosedFormCount {

        private final int rank;
        private final float scale;
        private final boolean tuneBias;
        private final Flaw flaw;

        ToyLora(int rank, float scale, boolean tuneBias, Flaw flaw) {
            this.rank = rank;
            this.scale = scale;
            this.tuneBias = tuneBias;
            this.flaw = flaw;
        }

        private static String prefix(int block) {
            return "blocks." + block + ".attn.toy_lora.";
        }

        @Override
        public void attach(PeftHost host) {
            int d = host.shape().dim();
            for (int i = 0; i < host.shape().depth(); i++) {
                ParameterHandle a = host.parameter(prefix(i) + "a", new Shape(rank, d), Init.kaimingUniform());
                ParameterHandle b = host.parameter(prefix(i) + "b", new Shape(3L * d, rank), Init.zeros());
                NDArray noise = flaw == Flaw.HIDDEN_STATE
                        ? host.base("norm.weight").array().getManager().randomNormal(new Shape(3L * d))
                        : null;
                host.insert(Site.QKV, i, (qkv, c) -> {
                    NDArray out = qkv.add(c.input().matMul(a.array().transpose()).matMul(b.array().transpose()).mul(scale));
                    return noise == null ? out : out.add(noise);
                });
            }
            if (tuneBias) {
                host.train(ParameterSelector.globs("blocks.*.norm1.bias"));
            }
            switch (flaw) {
                case UNUSED_PARAMETER -> host.parameter("toy_lora.unused", new Shape(d), Init.zeros());
                case HEAD_NAME -> {
                    ParameterHandle bias = host.parameter("head.toy_bias", new Shape(d), Init.zeros());
                    host.insert(Site.HEAD_INPUT, (x, c) -> x.add(bias.array()));
                }
                case TOUCHES_BASE -> host.base("blocks.0.norm2.weight").array().muli(2f);
                default -> { }
            }
        }

        @Override
        public void merge(MergeTarget target) {
            int blocks = flaw == Flaw.WRONG_MERGE ? 1 : target.shape().depth();
            for (int i = 0; i < blocks; i++) {
                String qkv = "blocks." + i + ".attn.qkv.weight";
                NDArray delta = target.get(prefix(i) + "b").matMul(target.get(prefix(i) + "a")).mul(scale);
                target.set(qkv, target.get(qkv).add(delta));
            }
        }

        @Override
        public long insertedParameters(BackboneShape s) {
            long perBlock = (long) rank * s.dim() + 3L * s.dim() * rank + (tuneBias ? s.dim() : 0);
            return s.depth() * perBlock + (flaw == Flaw.WRONG_COUNT ? 1 : 0);
        }
    }
}
