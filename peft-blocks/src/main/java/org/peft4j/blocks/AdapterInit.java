package org.peft4j.blocks;

import org.peft4j.api.Init;

/**
 * Intended initialisation of a bottleneck adapter's two linear layers, as the reference's
 * {@code init_weight} options define it. Under reference-compat the host replaces all of them by
 * trunc_normal(0.02) weights and zero biases.
 *
 * @param downWeight init of the down weight (r, in)
 * @param downBias init of the down bias (r)
 * @param upWeight init of the up weight (out, r)
 * @param upBias init of the up bias (out)
 */
public record AdapterInit(Init downWeight, Init downBias, Init upWeight, Init upBias) {

    /**
     * {@code lora_kaiming}: down kaiming-uniform (a = √5), up zero, biases zero: the adapter starts
     * as the zero function.
     *
     * @return the init
     */
    public static AdapterInit loraKaiming() {
        return new AdapterInit(Init.kaimingUniform(), Init.zeros(), Init.zeros(), Init.zeros());
    }

    /**
     * {@code lora_xavier}: down xavier-uniform, up zero, biases zero: the adapter starts as the zero
     * function.
     *
     * @return the init
     */
    public static AdapterInit loraXavier() {
        return new AdapterInit(Init.xavierUniform(), Init.zeros(), Init.zeros(), Init.zeros());
    }

    /**
     * {@code xavier}: both weights xavier-uniform, biases normal(0, 1e-6).
     *
     * @return the init
     */
    public static AdapterInit xavier() {
        Init tiny = Init.normal(0f, 1e-6f);
        return new AdapterInit(Init.xavierUniform(), tiny, Init.xavierUniform(), tiny);
    }

    /**
     * {@code zero}, as intended: the up layer (weight and bias) zero, the down layer with PyTorch's
     * default Linear init, so the adapter starts as the zero function and still learns. (The
     * reference zeroes the down weight and the up bias instead, {@code docs/methods.md#reference-defects}.)
     *
     * @param inFeatures input width of the down layer (sets its default bias bound 1/√in)
     * @return the init
     */
    public static AdapterInit zeroUp(int inFeatures) {
        return new AdapterInit(
                Init.kaimingUniform(), Init.uniform((float) (1 / Math.sqrt(inFeatures))), Init.zeros(), Init.zeros());
    }
}
