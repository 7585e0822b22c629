package org.peft4j.runtime.pipeline;

import org.peft4j.runtime.vit.PeftModel;

/**
 * Sees the stages of a {@link FineTuning} as they complete, to record them or to stop the run by
 * throwing (for example when the base weights are not the expected ones).
 */
public interface FineTuningObserver {

    /**
     * The backbone is built: weights loaded (or random), head sized for the task, no method yet.
     *
     * @param backbone the backbone and where its weights came from
     */
    default void backboneReady(Backbones.Base backbone) {}

    /**
     * The method is attached; training starts next.
     *
     * @param model the adapted model
     */
    default void attached(PeftModel model) {}
}
