package org.peft4j.methods.pfeiffer;

import org.peft4j.blocks.AdapterInit;

/**
 * The three Pfeiffer variants of the study, which differ only in the adapter's intended init. The
 * {@code init} hyperparameter spells them in lower case: {@code lora_xavier}, {@code xavier},
 * {@code zero}.
 */
enum PfeifferInit {
    /** {@code lora_p_adapter}: down xavier, up zero; starts as the base function. */
    LORA_XAVIER,
    /** {@code rand_p_adapter}: both layers xavier. */
    XAVIER,
    /** {@code zero_adapter}: up layer zero, down layer PyTorch default; starts as the base function. */
    ZERO;

    AdapterInit adapterInit(int dim) {
        return switch (this) {
            case LORA_XAVIER -> AdapterInit.loraXavier();
            case XAVIER -> AdapterInit.xavier();
            case ZERO -> AdapterInit.zeroUp(dim);
        };
    }
}
