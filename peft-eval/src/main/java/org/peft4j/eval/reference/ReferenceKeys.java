package org.peft4j.eval.reference;

import java.util.Map;

/**
 * The reference's (PETL_Vision's) YAML keys for peft4j's method hyperparameters, e.g. LoRA's
 * {@code rank} is {@code lora_bottleneck}. Learning rate and weight decay are {@code lr} and
 * {@code wd} in both.
 */
public final class ReferenceKeys {

    /** Method hyperparameters: peft4j method → reference key → peft4j key. */
    private static final Map<String, Map<String, String>> HYPERPARAMETERS = Map.ofEntries(
            Map.entry("vpt_shallow", Map.of("vpt_num", "prompts", "vpt_dropout", "dropout")),
            Map.entry("vpt_deep", Map.of("vpt_num", "prompts", "vpt_dropout", "dropout")),
            Map.entry("vqt", Map.of("vqt_num", "prompts", "vqt_dropout", "dropout")),
            Map.entry("lora", Map.of("lora_bottleneck", "rank")),
            Map.entry("adaptformer", Map.of("adapter_bottleneck", "bottleneck", "adapter_scaler", "scale")),
            Map.entry("pfeiffer", Map.of("adapter_bottleneck", "bottleneck", "adapter_scaler", "scale",
                    "adapter_init", "init")),
            Map.entry("houlsby", Map.of("adapter_bottleneck", "bottleneck", "adapter_scaler", "scale")),
            Map.entry("convpass", Map.of("convpass_bottleneck", "bottleneck", "convpass_scaler", "scale",
                    "convpass_xavier_init", "xavier_init")),
            Map.entry("repadapter", Map.of("repadapter_bottleneck", "bottleneck", "repadapter_scaler", "scale",
                    "repadapter_group", "groups")),
            Map.entry("fact_tt", Map.of("fact_dim", "dim", "fact_scaler", "scale")),
            Map.entry("fact_tk", Map.of("fact_dim", "dim", "fact_scaler", "scale")));

    private ReferenceKeys() {}

    /**
     * A method's hyperparameters under the reference's keys.
     *
     * @param method a peft4j method name
     * @return reference key → peft4j key; empty for a method without any
     */
    public static Map<String, String> of(String method) {
        return HYPERPARAMETERS.getOrDefault(method, Map.of());
    }

    /**
     * Whether a reference key is a hyperparameter of some method.
     *
     * @param referenceKey a key of the reference's configuration files
     * @return true if some method has it
     */
    public static boolean isHyperparameter(String referenceKey) {
        return HYPERPARAMETERS.values().stream().anyMatch(m -> m.containsKey(referenceKey));
    }

    /**
     * The reference's key of a peft4j hyperparameter.
     *
     * @param method a peft4j method name
     * @param key one of its hyperparameters
     * @return the reference's key, or {@code key} itself where the reference has no other name
     *     (plugins, and hyperparameters the reference does not have)
     */
    public static String referenceKey(String method, String key) {
        return of(method).entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey)
                .findFirst().orElse(key);
    }
}
