package org.peft4j.methods.ln;

import org.peft4j.blocks.BaseParameterGroup;
import org.peft4j.blocks.BaseWeightTuning;

/**
 * LayerNorm tuning ({@code docs/methods.md#ln}): weight and bias of every block's norm1 and norm2 and of the
 * final norm are trained, 2·D·(2·L + 1) parameters (38,400 for ViT-B/16).
 */
public final class LayerNormTuning extends BaseWeightTuning {

    /** Creates the method. */
    public LayerNormTuning() {
        super(BaseParameterGroup.LAYER_NORMS);
    }
}
