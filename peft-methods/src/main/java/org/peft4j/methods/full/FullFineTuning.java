package org.peft4j.methods.full;

import org.peft4j.blocks.BaseParameterGroup;
import org.peft4j.blocks.BaseWeightTuning;

/**
 * Full fine-tuning ({@code docs/methods.md#full}): every backbone parameter is trained, class token, position
 * embedding and patch embedding included (85,798,656 for ViT-B/16).
 */
public final class FullFineTuning extends BaseWeightTuning {

    /** Creates the method. */
    public FullFineTuning() {
        super(BaseParameterGroup.ALL);
    }
}
