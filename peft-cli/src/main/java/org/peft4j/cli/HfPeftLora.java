package org.peft4j.cli;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;

/**
 * peft4j's {@code lora} as a Hugging Face {@code peft} LoRA adapter of the timm ViT. peft's LoRA on
 * the {@code qkv} linear layers computes {@code qkv + (α/r)·B·A·dropout(a)}; with {@code lora_alpha = r}
 * the scaling is exactly 1 and its A (r × D) and B (3D × r) are peft4j's shared down-projection and
 * stacked q, k, v up-projections, so the tensors are copied bit for bit. The trained head goes to
 * {@code modules_to_save}.
 */
final class HfPeftLora {

    /** The adapter configuration file peft reads. */
    static final String CONFIG = "adapter_config.json";
    /** The adapter weights file peft reads. */
    static final String WEIGHTS = "adapter_model.safetensors";
    /** Prefix of every module name inside a {@code PeftModel}. */
    static final String PREFIX = "base_model.model.";

    private static final Pattern LORA = Pattern.compile("blocks\\.(\\d+)\\.attn\\.lora\\.lora_([ab])\\.weight");

    private HfPeftLora() {}

    /**
     * Writes {@link #CONFIG} and {@link #WEIGHTS} of a peft4j {@code lora} adapter file into a folder.
     *
     * @param adapter the peft4j adapter file
     * @param dir the folder to write (created if absent)
     * @throws CommandException if the adapter is not a {@code lora} adapter or holds other tensors
     */
    static void export(Path adapter, Path dir) {
        TensorArchive archive = SafetensorsFile.read(adapter);
        AdapterMetadata metadata = AdapterMetadata.parse(adapter, archive.metadata());
        if (!metadata.method().equals("lora")) {
            throw new CommandException(adapter + ": method '" + metadata.method() + "' has no exact Hugging Face peft "
                    + "equivalent; only 'lora' adapters can be exported with --format hf-peft");
        }
        int rank = Integer.parseInt(metadata.hyperparameters().get("rank"));
        double dropout = Double.parseDouble(metadata.hyperparameters().get("dropout"));
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        archive.tensors().forEach((name, tensor) -> tensors.put(peftName(adapter, name), tensor));
        AtomicFiles.writeString(dir.resolve(CONFIG), configJson(rank, dropout));
        SafetensorsFile.writeRaw(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
    }

    /** The name of a peft4j LoRA tensor inside a peft {@code PeftModel} of the timm ViT. */
    private static String peftName(Path adapter, String name) {
        Matcher m = LORA.matcher(name);
        if (m.matches()) {
            return PREFIX + "blocks." + m.group(1) + ".attn.qkv.lora_" + m.group(2).toUpperCase() + ".weight";
        }
        if (name.equals("head.weight") || name.equals("head.bias")) {
            return PREFIX + name;
        }
        throw new CommandException(adapter + ": tensor '" + name + "' is neither a LoRA tensor nor the head, "
                + "so the adapter cannot be expressed as a peft LoRA adapter; export an unmodified 'lora' adapter file");
    }

    /** peft's {@code LoraConfig} with scaling lora_alpha / r = 1, on every {@code qkv}, the head trained. */
    static String configJson(int rank, double dropout) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("peft_type", "LORA");
        c.put("task_type", null);
        c.put("base_model_name_or_path", null);
        c.put("r", rank);
        c.put("lora_alpha", rank);
        c.put("lora_dropout", dropout);
        c.put("target_modules", List.of("qkv"));
        c.put("modules_to_save", List.of("head"));
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("use_rslora", false);
        c.put("use_dora", false);
        c.put("init_lora_weights", true);
        c.put("layers_to_transform", null);
        c.put("layers_pattern", null);
        c.put("rank_pattern", Map.of());
        c.put("alpha_pattern", Map.of());
        c.put("inference_mode", true);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(c) + "\n";
    }
}
