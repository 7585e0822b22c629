package org.peft4j.methods.linear;

import org.peft4j.blocks.BaseWeightTuning;

/**
 * Linear probing ({@code docs/methods.md#linear}): only the classification head is trained; nothing is inserted
 * (0 parameters). Drop path stays active in the frozen backbone during training, as in the study.
 */
public final class LinearProbing extends BaseWeightTuning {

    /** Creates the method; it trains no base parameter besides the head. */
    public LinearProbing() {
        super();
    }
}
