package org.peft4j.methods.bitfit;

import org.peft4j.blocks.BaseParameterGroup;
import org.peft4j.blocks.BaseWeightTuning;

/**
 * BitFit ({@code docs/methods.md#bitfit}): every bias is trained, LayerNorm biases included,
 * 2·D + L·(7·D + H) parameters (102,912 for ViT-B/16).
 */
public final class BitFit extends BaseWeightTuning {

    /** Creates the method. */
    public BitFit() {
        super(BaseParameterGroup.BIASES);
    }
}
