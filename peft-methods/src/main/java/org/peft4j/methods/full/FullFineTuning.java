package org.peft4j.methods.full;

import org.peft4j.methods.common.BaseParameterGroup;
import org.peft4j.methods.common.BaseWeightTuning;

/**
 * Full fine-tuning (METHODS.md b.2): every backbone parameter is trained, class token, position
 * embedding and patch embedding included (85,798,656 for ViT-B/16).
 */
public final class FullFineTuning extends BaseWeightTuning {

    /** Creates the method. */
    public FullFineTuning() {
        super(BaseParameterGroup.ALL);
    }
}
