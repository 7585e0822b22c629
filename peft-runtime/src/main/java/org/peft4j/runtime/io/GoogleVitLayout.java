package org.peft4j.runtime.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the tensors of a Google ViT {@code .npz} export (Flax names and layouts) to timm names
 * and PyTorch layouts, as timm 0.9.12's {@code _load_weights} does (docs/methods.md#checkpoint-conversion). Keys may
 * carry the prefix {@code opt/target/} (same layout as no prefix) or {@code params/} /
 * {@code params/img/} (big_vision layout: {@code MultiHeadDotProductAttention_0},
 * {@code MlpBlock_0}, {@code LayerNorm_1} and a top-level {@code pos_embedding}). The head and
 * pre-logits are skipped; keys outside the prefix belong to other parts of the export and are
 * ignored.
 */
public final class GoogleVitLayout {

    private static final Pattern BLOCK = Pattern.compile("Transformer/encoderblock_(\\d+)/");

    private GoogleVitLayout() {}

    /**
     * Converts an archive.
     *
     * @param npz tensors with npz keys, float dtypes
     * @return float32 tensors with timm names (no head), metadata {@code source_layout} and
     *     {@code source_prefix}
     * @throws CheckpointException listing missing and unexpected keys, or when no ViT is found
     */
    public static TensorArchive toTimm(TensorArchive npz) {
        String prefix = prefix(npz);
        if (prefix == null) {
            throw new CheckpointException(npz.file(), "has no 'embedding/kernel' array (nor with the prefixes "
                    + "opt/target/, params/, params/img/): it is not a Google ViT checkpoint; first keys: "
                    + npz.tensors().keySet().stream().limit(5).toList());
        }
        boolean bigVision = prefix.startsWith("params/");
        List<LayoutRule> rules = rules(prefix, bigVision, depth(npz, prefix));
        TreeSet<String> missing = LayoutRule.missing(rules, npz);
        Set<String> used = LayoutRule.used(rules);
        TreeSet<String> unexpected = new TreeSet<>();
        for (String key : npz.tensors().keySet()) {
            String local = key.substring(Math.min(prefix.length(), key.length()));
            if (key.startsWith(prefix) && !used.contains(key) && !local.startsWith("head/")
                    && !local.startsWith("pre_logits/")) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(npz.file(), "does not have the layout of a Google ViT export"
                    + KeyLists.describe(missing, unexpected));
        }
        return LayoutRule.apply(rules, npz, Map.of(
                "source_layout", bigVision ? "big_vision" : "google_vit", "source_prefix", prefix));
    }

    private static String prefix(TensorArchive npz) {
        for (String p : List.of("opt/target/", "params/", "params/img/", "")) {
            if (npz.tensors().containsKey(p + "embedding/kernel")) {
                return p;
            }
        }
        return null;
    }

    private static int depth(TensorArchive npz, String prefix) {
        int depth = 0;
        for (String key : npz.tensors().keySet()) {
            Matcher m = BLOCK.matcher(key.substring(Math.min(prefix.length(), key.length())));
            if (key.startsWith(prefix) && m.lookingAt()) {
                depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return depth;
    }

    private static List<LayoutRule> rules(String p, boolean bigVision, int depth) {
        List<LayoutRule> rules = new ArrayList<>();
        rules.add(LayoutRule.one("patch_embed.proj.weight", p + "embedding/kernel", GoogleVitLayout::flaxKernel));
        rules.add(LayoutRule.one("patch_embed.proj.bias", p + "embedding/bias", t -> t));
        rules.add(LayoutRule.one("cls_token", p + "cls", t -> t));
        rules.add(LayoutRule.one("pos_embed", p + (bigVision ? "pos_embedding" : "Transformer/posembed_input/pos_embedding"), t -> t));
        String mha = bigVision ? "MultiHeadDotProductAttention_0/" : "MultiHeadDotProductAttention_1/";
        String mlp = bigVision ? "MlpBlock_0/" : "MlpBlock_3/";
        String ln2 = bigVision ? "LayerNorm_1/" : "LayerNorm_2/";
        for (int i = 0; i < depth; i++) {
            String src = p + "Transformer/encoderblock_" + i + "/";
            String dst = "blocks." + i + ".";
            rules.add(LayoutRule.one(dst + "norm1.weight", src + "LayerNorm_0/scale", t -> t));
            rules.add(LayoutRule.one(dst + "norm1.bias", src + "LayerNorm_0/bias", t -> t));
            rules.add(new LayoutRule(dst + "attn.qkv.weight", qkv(src + mha, "kernel"), parts -> RawTensor.concat(
                    parts.stream().map(GoogleVitLayout::projectionIn).toList())));
            rules.add(new LayoutRule(dst + "attn.qkv.bias", qkv(src + mha, "bias"), parts -> RawTensor.concat(
                    parts.stream().map(t -> t.reshape(t.shape().size())).toList())));
            rules.add(LayoutRule.one(dst + "attn.proj.weight", src + mha + "out/kernel", GoogleVitLayout::projectionOut));
            rules.add(LayoutRule.one(dst + "attn.proj.bias", src + mha + "out/bias", t -> t));
            rules.add(LayoutRule.one(dst + "norm2.weight", src + ln2 + "scale", t -> t));
            rules.add(LayoutRule.one(dst + "norm2.bias", src + ln2 + "bias", t -> t));
            for (int r = 0; r < 2; r++) {
                rules.add(LayoutRule.one(dst + "mlp.fc" + (r + 1) + ".weight", src + mlp + "Dense_" + r + "/kernel",
                        GoogleVitLayout::flaxKernel));
                rules.add(LayoutRule.one(dst + "mlp.fc" + (r + 1) + ".bias", src + mlp + "Dense_" + r + "/bias", t -> t));
            }
        }
        rules.add(LayoutRule.one("norm.weight", p + "Transformer/encoder_norm/scale", t -> t));
        rules.add(LayoutRule.one("norm.bias", p + "Transformer/encoder_norm/bias", t -> t));
        return rules;
    }

    private static List<String> qkv(String mha, String leaf) {
        return List.of(mha + "query/" + leaf, mha + "key/" + leaf, mha + "value/" + leaf);
    }

    /** Flax kernels to PyTorch: HWIO to OIHW for convolutions, (in, out) to (out, in) for dense layers. */
    private static RawTensor flaxKernel(RawTensor t) {
        return switch (t.shape().dimension()) {
            case 4 -> t.permute(3, 2, 0, 1);
            case 2 -> t.permute(1, 0);
            default -> throw new IllegalArgumentException("expected a 2-D or 4-D kernel, found shape " + t.shape());
        };
    }

    /** A query/key/value kernel (in, heads, head_dim) to its (heads·head_dim, in) rows of qkv. */
    private static RawTensor projectionIn(RawTensor t) {
        requireRank(t, 3);
        return t.reshape(t.shape().get(0), t.shape().get(1) * t.shape().get(2)).permute(1, 0);
    }

    /** The output kernel (heads, head_dim, out) to proj.weight (out, heads·head_dim). */
    private static RawTensor projectionOut(RawTensor t) {
        requireRank(t, 3);
        return t.permute(2, 0, 1).reshape(t.shape().get(2), t.shape().get(0) * t.shape().get(1));
    }

    private static void requireRank(RawTensor t, int rank) {
        if (t.shape().dimension() != rank) {
            throw new IllegalArgumentException("expected a " + rank + "-D kernel, found shape " + t.shape());
        }
    }
}
