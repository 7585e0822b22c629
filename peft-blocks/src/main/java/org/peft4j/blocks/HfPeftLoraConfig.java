package org.peft4j.blocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face {@code peft}'s {@code LoraConfig} entries for an {@link org.peft4j.api.HfPeftForm}
 * of a LoRA-like method: {@code lora_alpha = r}, so that peft's scaling {@code lora_alpha / r} is
 * exactly 1 and its {@code lora_A}, {@code lora_B} are the method's down- and up-projections as they
 * are; no rsLoRA, no trained biases.
 */
public final class HfPeftLoraConfig {

    private HfPeftLoraConfig() {}

    /**
     * The entries.
     *
     * @param rank r
     * @param dropout dropout on the adapted layer's input
     * @param targetModules timm module names (or dotted suffixes, such as {@code attn.proj}) to adapt
     * @param dora whether peft applies DoRA ({@code use_dora})
     * @return entries by key, in peft's spelling
     */
    public static Map<String, Object> of(int rank, double dropout, List<String> targetModules, boolean dora) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("peft_type", "LORA");
        c.put("r", rank);
        c.put("lora_alpha", rank);
        c.put("lora_dropout", dropout);
        c.put("target_modules", targetModules);
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("use_rslora", false);
        c.put("use_dora", dora);
        c.put("init_lora_weights", true);
        c.put("layers_to_transform", null);
        c.put("layers_pattern", null);
        c.put("rank_pattern", Map.of());
        c.put("alpha_pattern", Map.of());
        return c;
    }
}
