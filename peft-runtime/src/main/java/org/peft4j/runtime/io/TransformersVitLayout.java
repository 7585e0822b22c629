package org.peft4j.runtime.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the tensors of a Hugging Face transformers {@code ViTModel} or
 * {@code ViTForImageClassification} ({@code save_pretrained}'s {@code model.safetensors}) to timm
 * names: query, key and value are stacked into timm's fused {@code qkv}, the embeddings, the
 * layer norms and the classifier renamed. The layouts agree otherwise (PyTorch
 * {@code (out, in)} weights), so no tensor is transposed. {@code ViTModel}'s tanh pooler, which
 * timm's ViT does not have, and the masked-image-modelling {@code mask_token} are left out. When
 * a {@code config.json} is given, its {@code hidden_size}, {@code num_hidden_layers},
 * {@code patch_size} and {@code image_size} must agree with the tensors.
 */
public final class TransformersVitLayout {

    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\.");
    private static final String EMBEDDINGS = "embeddings.cls_token";

    private TransformersVitLayout() {}

    /**
     * Whether an archive has the transformers ViT layout.
     *
     * @param archive tensors of a safetensors file
     * @return true if it has {@code vit.embeddings.cls_token} or {@code embeddings.cls_token}
     */
    public static boolean matches(TensorArchive archive) {
        return prefix(archive).isPresent();
    }

    /**
     * Converts an archive.
     *
     * @param archive tensors with transformers names, float dtypes
     * @param config the model's config.json, if known
     * @return float32 tensors with timm names (with the head when the file has a classifier),
     *     metadata {@code source_layout=transformers_vit}
     * @throws CheckpointException listing missing and unexpected keys, or naming a config value
     *     that disagrees with the tensors
     */
    public static TensorArchive toTimm(TensorArchive archive, Optional<CheckpointConfig> config) {
        String p = prefix(archive).orElseThrow(() -> new CheckpointException(archive.file(),
                "has no 'vit.embeddings.cls_token' nor 'embeddings.cls_token': it is not a transformers ViT"));
        List<LayoutRule> rules = rules(p, depth(archive, p), archive.tensors().containsKey("classifier.weight"));
        TreeSet<String> missing = LayoutRule.missing(rules, archive);
        Set<String> used = LayoutRule.used(rules);
        TreeSet<String> unexpected = new TreeSet<>();
        for (String key : archive.tensors().keySet()) {
            if (!used.contains(key) && !key.startsWith(p + "pooler.") && !key.equals(p + "embeddings.mask_token")) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(archive.file(), "does not have the layout of a transformers ViTModel or "
                    + "ViTForImageClassification" + KeyLists.describe(missing, unexpected));
        }
        TensorArchive timm = LayoutRule.apply(rules, archive, Map.of("source_layout", "transformers_vit"));
        config.ifPresent(c -> check(c, timm));
        return timm;
    }

    private static Optional<String> prefix(TensorArchive archive) {
        return List.of("vit.", "").stream().filter(p -> archive.tensors().containsKey(p + EMBEDDINGS)).findFirst();
    }

    private static int depth(TensorArchive archive, String prefix) {
        int depth = 0;
        for (String key : archive.tensors().keySet()) {
            Matcher m = LAYER.matcher(key);
            if (key.startsWith(prefix) && m.region(prefix.length(), key.length()).lookingAt()) {
                depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return depth;
    }

    private static List<LayoutRule> rules(String p, int depth, boolean classifier) {
        List<LayoutRule> rules = new ArrayList<>();
        String e = p + "embeddings.";
        rules.add(LayoutRule.one("cls_token", e + "cls_token", t -> t));
        rules.add(LayoutRule.one("pos_embed", e + "position_embeddings", t -> t));
        rules.add(LayoutRule.one("patch_embed.proj.weight", e + "patch_embeddings.projection.weight", t -> t));
        rules.add(LayoutRule.one("patch_embed.proj.bias", e + "patch_embeddings.projection.bias", t -> t));
        for (int i = 0; i < depth; i++) {
            String src = p + "encoder.layer." + i + ".";
            String dst = "blocks." + i + ".";
            for (String leaf : List.of("weight", "bias")) {
                rules.add(new LayoutRule(dst + "attn.qkv." + leaf, List.of(
                        src + "attention.attention.query." + leaf, src + "attention.attention.key." + leaf,
                        src + "attention.attention.value." + leaf), RawTensor::concat));
                rules.add(LayoutRule.one(dst + "attn.proj." + leaf, src + "attention.output.dense." + leaf, t -> t));
                rules.add(LayoutRule.one(dst + "norm1." + leaf, src + "layernorm_before." + leaf, t -> t));
                rules.add(LayoutRule.one(dst + "norm2." + leaf, src + "layernorm_after." + leaf, t -> t));
                rules.add(LayoutRule.one(dst + "mlp.fc1." + leaf, src + "intermediate.dense." + leaf, t -> t));
                rules.add(LayoutRule.one(dst + "mlp.fc2." + leaf, src + "output.dense." + leaf, t -> t));
            }
        }
        rules.add(LayoutRule.one("norm.weight", p + "layernorm.weight", t -> t));
        rules.add(LayoutRule.one("norm.bias", p + "layernorm.bias", t -> t));
        if (classifier) {
            rules.add(LayoutRule.one("head.weight", "classifier.weight", t -> t));
            rules.add(LayoutRule.one("head.bias", "classifier.bias", t -> t));
        }
        return rules;
    }

    /** Checks the config's dimensions against the converted tensors. */
    private static void check(CheckpointConfig config, TensorArchive timm) {
        var patch = timm.get("patch_embed.proj.weight").shape();
        long tokens = timm.get("pos_embed").shape().get(1);
        long depth = timm.tensors().keySet().stream().filter(k -> k.endsWith(".norm1.weight")).count();
        agree(config, timm, "hidden_size", patch.get(0), "the width of patch_embeddings.projection.weight");
        agree(config, timm, "num_hidden_layers", depth, "the number of encoder layers");
        agree(config, timm, "patch_size", patch.get(2), "the kernel of patch_embeddings.projection.weight");
        Optional<Long> image = config.integer("image_size");
        Optional<Long> patchSize = config.integer("patch_size");
        if (image.isPresent() && patchSize.isPresent()) {
            long grid = image.get() / patchSize.get();
            agree(config, timm, "image_size", grid * grid + 1 == tokens ? image.get() : -1,
                    "position_embeddings with " + tokens + " tokens (a class token and a square grid)");
        }
    }

    private static void agree(CheckpointConfig config, TensorArchive timm, String key, long found, String what) {
        config.integer(key).filter(v -> v != found).ifPresent(v -> {
            throw new CheckpointException(config.file(), "says " + key + " = " + v + ", but " + timm.file()
                    + " has " + (found < 0 ? "" : found + " for ") + what + "; the config and the weights belong to "
                    + "different models: use the config.json downloaded with these weights");
        });
    }
}
