package org.peft4j.methods.pfeiffer;

import java.util.Arrays;
import java.util.List;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.methods.common.AdapterInit;

/** The three Pfeiffer variants of the study, which differ only in the adapter's intended init. */
enum PfeifferInit {
    /** {@code lora_p_adapter}: down xavier, up zero; starts as the base function. */
    LORA_XAVIER("lora_xavier"),
    /** {@code rand_p_adapter}: both layers xavier. */
    XAVIER("xavier"),
    /** {@code zero_adapter}: up layer zero, down layer PyTorch default; starts as the base function. */
    ZERO("zero");

    private final String key;

    PfeifferInit(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(PfeifferInit::key).toList();
    }

    static PfeifferInit of(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst()
                .orElseThrow(() -> new InvalidHyperparameterException(
                        PfeifferProvider.INIT, "'" + key + "' is not one of " + keys()));
    }

    AdapterInit adapterInit(int dim) {
        return switch (this) {
            case LORA_XAVIER -> AdapterInit.loraXavier();
            case XAVIER -> AdapterInit.xavier();
            case ZERO -> AdapterInit.zeroUp(dim);
        };
    }
}
