package org.peft4j.cli;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A Hugging Face {@code peft} LoRA adapter of the timm ViT as a peft4j {@code lora} adapter file, when
 * it is one: LoRA on the {@code qkv} layer of every block and nothing else but the head. peft's
 * scaling (lora_alpha / r, or / √r with rsLoRA) is folded into B, which is the same function (bit
 * for bit when the scaling is 1, else up to one float32 rounding of B).
 */
final class HfPeftImport {

    private static final Pattern LORA = Pattern.compile(
            Pattern.quote(HfPeftExport.PREFIX) + "blocks\\.(\\d+)\\.attn\\.qkv\\.lora_([AB])\\.weight");

    private HfPeftImport() {}

    /**
     * Converts a peft adapter folder into a peft4j adapter file for a base checkpoint.
     *
     * @param dir the folder with {@code adapter_config.json} and {@code adapter_model.safetensors}
     * @param base the base checkpoint the adapter was trained on, with timm names
     * @param preset the base's peft4j preset
     * @param registry where {@code lora} is found
     * @param output the adapter file to write
     * @throws CommandException if the adapter is not exactly a peft4j {@code lora} adapter
     */
    static void convert(Path dir, CheckpointFile base, String preset, MethodRegistry registry, Path output) {
        JsonObject config = config(dir);
        Path weights = dir.resolve(HfPeftExport.WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new CommandException(weights + ": not found; save the peft adapter with safe_serialization=True "
                    + "(the pickle file adapter_model.bin is not read)");
        }
        Map<String, RawTensor> tensors = SafetensorsFile.read(weights).tensors();
        VitConfig shape = VitConfig.preset(preset, 1);
        Map<Integer, RawTensor[]> blocks = new TreeMap<>();
        Map<String, RawTensor> head = new LinkedHashMap<>();
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            Matcher m = LORA.matcher(e.getKey());
            if (m.matches()) {
                blocks.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new RawTensor[2])[m.group(2).equals("A") ? 0 : 1] =
                        e.getValue().toFloat32();
            } else if (e.getKey().equals(HfPeftExport.PREFIX + "head.weight") || e.getKey().equals(HfPeftExport.PREFIX + "head.bias")) {
                head.put(e.getKey().substring(HfPeftExport.PREFIX.length()), e.getValue().toFloat32());
            } else {
                throw new CommandException(weights + ": tensor '" + e.getKey() + "' is not LoRA on a qkv layer nor "
                        + "the head, and peft4j's lora adapts only the fused qkv projections (no built-in peft4j method "
                        + "represents LoRA on proj, fc1 or fc2, DoRA or trained biases exactly), so it cannot be imported");
            }
        }
        int rank = rank(weights, blocks, shape);
        double scaling = scaling(dir, config, rank);
        Map<String, RawTensor> out = new LinkedHashMap<>();
        blocks.forEach((i, ab) -> {
            out.put("blocks." + i + ".attn.lora.lora_a.weight", ab[0]);
            out.put("blocks." + i + ".attn.lora.lora_b.weight", scaled(ab[1], scaling));
        });
        if (head.size() < 2) {
            head = baseHead(base);
        }
        out.putAll(head);
        double dropout = config.has("lora_dropout") ? config.get("lora_dropout").getAsDouble() : 0.0;
        MethodInstance lora;
        try {
            lora = registry.create("lora", Map.of("rank", String.valueOf(rank), "dropout", String.valueOf(dropout)));
        } catch (IllegalArgumentException e) {
            throw new CommandException(dir + ": peft4j's lora cannot take rank " + rank + " and dropout " + dropout
                    + ": " + e.getMessage(), e);
        }
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        lora.hyperparameters().asMap().forEach((k, v) -> hyperparameters.put(k, String.valueOf(v)));
        int classes = Math.toIntExact(head.get("head.weight").shape().get(0));
        VitConfig model = VitConfig.preset(preset, classes);
        AdapterMetadata metadata = new AdapterMetadata(lora.name(), lora.version(), lora.spiVersion(), hyperparameters,
                base.sha256(), model, false, Preprocessing.forRun(model.name(), model.imageSize(), Normalization.NONE));
        SafetensorsFile.writeRaw(output, out, metadata.toStrings());
    }

    private static JsonObject config(Path dir) {
        Path file = dir.resolve(HfPeftExport.CONFIG);
        JsonObject config;
        try {
            config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new CommandException(file + ": cannot be read as a peft adapter configuration (" + e.getMessage()
                    + "); give the folder that peft's save_pretrained wrote", e);
        }
        String type = text(config.get("peft_type"));
        if (!"LORA".equals(type)) {
            throw new CommandException(file + ": peft_type is " + type + ", but only LORA adapters can be imported");
        }
        for (String key : new String[] {"rank_pattern", "alpha_pattern"}) {
            if (config.has(key) && config.get(key).isJsonObject() && !config.getAsJsonObject(key).isEmpty()) {
                throw new CommandException(file + ": " + key + " gives some layers their own rank or alpha, but "
                        + "peft4j's lora has one rank and scaling for all blocks, so it cannot be imported");
            }
        }
        return config;
    }

    /** One rank for all blocks 0..depth-1, with A (r, D) and B (3D, r). */
    private static int rank(Path weights, Map<Integer, RawTensor[]> blocks, VitConfig vit) {
        int d = vit.dim();
        Integer rank = null;
        for (int i = 0; i < vit.depth(); i++) {
            RawTensor[] ab = blocks.get(i);
            if (ab == null || ab[0] == null || ab[1] == null) {
                throw new CommandException(weights + ": block " + i + " has no LoRA A and B on its qkv layer, but "
                        + "peft4j's lora adapts every block's qkv, so it cannot be imported");
            }
            long r = ab[0].shape().get(0);
            if (!ab[0].shape().equals(new Shape(r, d)) || !ab[1].shape().equals(new Shape(3L * d, r))
                    || (rank != null && rank != r)) {
                throw new CommandException(weights + ": block " + i + " has LoRA A " + ab[0].shape() + " and B "
                        + ab[1].shape() + ", but the base (" + vit.name() + ", dim " + d + ") and one common rank need A (r, "
                        + d + ") and B (" + 3 * d + ", r)");
            }
            rank = (int) r;
        }
        if (blocks.size() != vit.depth()) {
            throw new CommandException(weights + ": has LoRA tensors for " + blocks.size() + " blocks, but the base "
                    + vit.name() + " has " + vit.depth() + "; give the base the adapter was trained on");
        }
        return rank;
    }

    /** peft's scaling of the LoRA product: lora_alpha / r, or lora_alpha / √r with use_rslora. */
    private static double scaling(Path dir, JsonObject config, int rank) {
        if (!config.has("lora_alpha")) {
            throw new CommandException(dir.resolve(HfPeftExport.CONFIG) + ": has no lora_alpha; give the folder that "
                    + "peft's save_pretrained wrote");
        }
        double alpha = config.get("lora_alpha").getAsDouble();
        boolean rs = config.has("use_rslora") && config.get("use_rslora").getAsBoolean();
        return rs ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    private static RawTensor scaled(RawTensor t, double scaling) {
        if (scaling == 1.0) {
            return t;
        }
        ByteBuffer in = t.data();
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        float s = (float) scaling;
        for (int i = 0; i < in.remaining(); i += 4) {
            out.putFloat(in.getFloat(in.position() + i) * s);
        }
        return new RawTensor(DataType.FLOAT32, t.shape(), out.flip());
    }

    private static Map<String, RawTensor> baseHead(CheckpointFile base) {
        Map<String, RawTensor> head = new LinkedHashMap<>();
        for (String name : new String[] {"head.weight", "head.bias"}) {
            RawTensor t = base.tensors().tensors().get(name);
            if (t == null) {
                throw new CommandException(base.file() + ": has no '" + name + "' and the peft adapter does not save the "
                        + "head (modules_to_save), so the classifier is unknown; give the base the adapter was trained on");
            }
            head.put(name, t.toFloat32());
        }
        return head;
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? "missing" : e.getAsString();
    }
}
