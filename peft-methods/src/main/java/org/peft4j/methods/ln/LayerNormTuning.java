package org.peft4j.methods.ln;

import org.peft4j.methods.common.BaseParameterGroup;
import org.peft4j.methods.common.BaseWeightTuning;

/**
 * LayerNorm tuning (METHODS.md b.3): weight and bias of every block's norm1 and norm2 and of the
 * final norm are trained, 2·D·(2·L + 1) parameters (38,400 for ViT-B/16).
 */
public final class LayerNormTuning extends BaseWeightTuning {

    /** Creates the method. */
    public LayerNormTuning() {
        super(BaseParameterGroup.LAYER_NORMS);
    }
}
