package org.peft4j.runtime.io;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peft4j.runtime.vit.VitConfig;
import org.peft4j.runtime.vit.VitFamily;

/**
 * The architecture of a ViT as far as its timm-named weights reveal it: dimensions and the
 * family's tensors (registers, LayerScale, {@code norm_pre}, patch bias, {@code fc_norm}). Tells a
 * checkpoint of another model apart from a damaged one, and infers the preset of a checkpoint
 * ({@link #presetOf}), never guessing: what the tensors cannot tell (QuickGELU or GELU, MAE's
 * pooling) comes from the checkpoint's {@code config.json} or is refused.
 *
 * @param dim token width
 * @param depth number of blocks
 * @param patchSize patch side in pixels
 * @param positions entries of the position embedding
 * @param mlpHidden hidden width of the MLP (0 if the file has no block)
 * @param registers register tokens
 * @param layerScale whether the blocks have LayerScale
 * @param preNorm whether there is a {@code norm_pre}
 * @param patchBias whether the patch projection has a bias
 * @param fcNorm whether the head reads an average through {@code fc_norm}
 */
public record VitArchitecture(long dim, int depth, long patchSize, long positions, long mlpHidden, long registers,
        boolean layerScale, boolean preNorm, boolean patchBias, boolean fcNorm) {

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");

    /**
     * Reads the architecture from tensor shapes.
     *
     * @param tensors tensors with timm names
     * @return the architecture, or empty when the file has no patch embedding or position embedding
     */
    public static Optional<VitArchitecture> of(Map<String, RawTensor> tensors) {
        RawTensor patch = tensors.get("patch_embed.proj.weight");
        RawTensor pos = tensors.get("pos_embed");
        if (patch == null || pos == null || patch.shape().dimension() != 4 || pos.shape().dimension() != 3) {
            return Optional.empty();
        }
        int depth = 0;
        for (String key : tensors.keySet()) {
            Matcher m = BLOCK.matcher(key);
            if (m.matches() && m.group(1).length() < 6) {
                depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
            }
        }
        RawTensor fc1 = tensors.get("blocks.0.mlp.fc1.weight");
        RawTensor reg = tensors.get("reg_token");
        long registers = reg == null || reg.shape().dimension() != 3 ? 0 : reg.shape().get(1);
        Shape p = patch.shape();
        return Optional.of(new VitArchitecture(p.get(0), depth, p.get(2), pos.shape().get(1),
                fc1 == null ? 0 : fc1.shape().get(0), registers, tensors.containsKey("blocks.0.ls1.gamma"),
                tensors.containsKey("norm_pre.weight"), tensors.containsKey("patch_embed.proj.bias"),
                tensors.containsKey("fc_norm.weight")));
    }

    /**
     * The architecture of a configuration.
     *
     * @param config the model
     * @return its architecture
     */
    public static VitArchitecture of(VitConfig config) {
        VitFamily f = config.family();
        return new VitArchitecture(config.dim(), config.depth(), config.patchSize(), config.positions(),
                (long) config.dim() * config.mlpRatio(), f.registers(), f.hasLayerScale(), f.preNorm(), f.patchBias(),
                f.pooling() == VitFamily.Pooling.AVERAGE);
    }

    /**
     * The preset whose architecture a checkpoint has. The tensors decide the dimensions and the
     * family's tensors; a {@code config.json} (timm's {@code architecture} and {@code pretrained_cfg.tag},
     * or transformers' {@code model_type} and {@code hidden_act}), where given, must agree, and decides
     * what the tensors cannot: MAE's average pooling, and QuickGELU for a CLIP tower.
     *
     * @param archive the checkpoint's tensors with timm names
     * @param config its {@code config.json}, or null when there is none
     * @return the preset's name
     * @throws CheckpointException with one sentence when no preset fits, the config disagrees, or
     *     the file leaves the choice open
     */
    public static String presetOf(TensorArchive archive, JsonObject config) {
        VitArchitecture found = of(archive.tensors()).orElseThrow(() -> new CheckpointException(archive.file(),
                "has no 'patch_embed.proj.weight' and 'pos_embed', so it is not a ViT with timm names"));
        Optional<String> declared = config == null ? Optional.empty() : declaredFamily(config);
        List<String> matches = VitConfig.PRESETS.stream()
                .filter(name -> of(VitConfig.preset(name, 1)).sameAs(found))
                .filter(name -> declared.map(f -> f.equals(VitConfig.preset(name, 1).family().name())).orElse(true))
                .toList();
        if (matches.isEmpty()) {
            throw new CheckpointException(archive.file(), "holds a ViT with " + found.describe()
                    + declared.map(f -> " while its config.json declares the " + f + " family").orElse("")
                    + ", which no preset of " + VitConfig.PRESETS + " has; see docs/backbones.md for the families");
        }
        String preset = matches.get(0);
        VitFamily family = VitConfig.preset(preset, 1).family();
        if (declared.isEmpty() && family.activation() == VitFamily.Activation.QUICK_GELU) {
            throw new CheckpointException(archive.file(), "holds a CLIP image tower like " + preset
                    + ", but without a config.json it does not say whether it uses QuickGELU (OpenAI's weights) or "
                    + "exact GELU (most others); pass --model " + preset + " if these are OpenAI's weights");
        }
        return preset;
    }

    /** Same architecture; a MAE checkpoint as timm saves it has {@code norm}, its preset {@code fc_norm}. */
    private boolean sameAs(VitArchitecture file) {
        return equals(file) || fcNorm && !file.fcNorm && equals(new VitArchitecture(file.dim, file.depth, file.patchSize,
                file.positions, file.mlpHidden, file.registers, file.layerScale, file.preNorm, file.patchBias, true));
    }

    /**
     * The family a {@code config.json} declares, by {@link VitFamily#name()}; a CLIP tower with exact
     * GELU, which no built-in family has, as {@code clip-gelu}.
     */
    private static Optional<String> declaredFamily(JsonObject config) {
        String architecture = text(config, "architecture");
        if (!architecture.isEmpty()) {
            JsonElement cfg = config.get("pretrained_cfg");
            String tag = cfg != null && cfg.isJsonObject() ? text(cfg.getAsJsonObject(), "tag") : "";
            if (architecture.contains("clip")) {
                return Optional.of(architecture.contains("quickgelu") || tag.startsWith("openai")
                        ? VitFamily.CLIP_OPENAI.name() : "clip-gelu");
            }
            if (architecture.contains("dinov2")) {
                return Optional.of(architecture.contains("reg") ? VitFamily.DINOV2_REG4.name() : VitFamily.DINOV2.name());
            }
            return Optional.of(tag.startsWith("mae") ? VitFamily.MAE.name() : VitFamily.SUPERVISED.name());
        }
        return switch (text(config, "model_type")) {
            case "vit" -> Optional.of(VitFamily.SUPERVISED.name());
            case "vit_mae" -> Optional.of(VitFamily.MAE.name());
            case "dinov2" -> Optional.of(VitFamily.DINOV2.name());
            case "dinov2_with_registers" -> Optional.of(VitFamily.DINOV2_REG4.name());
            case "clip", "clip_vision_model" -> Optional.of("quick_gelu".equals(clipActivation(config))
                    ? VitFamily.CLIP_OPENAI.name() : "clip-gelu");
            default -> Optional.empty();
        };
    }

    private static String clipActivation(JsonObject config) {
        JsonElement vision = config.get("vision_config");
        return text(vision != null && vision.isJsonObject() ? vision.getAsJsonObject() : config, "hidden_act");
    }

    private static String text(JsonObject json, String key) {
        JsonElement e = json.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString().toLowerCase(Locale.ROOT) : "";
    }

    /**
     * A phrase for messages, naming the preset with this architecture if there is one.
     *
     * @return e.g. "dim 384, depth 12, patch 16, 197 positions, MLP 1536 (like vit-s16)"
     */
    String describe() {
        String like = VitConfig.PRESETS.stream()
                .filter(name -> of(VitConfig.preset(name, 1)).equals(this))
                .findFirst().map(name -> " (like " + name + ")").orElse("");
        return "dim " + dim + ", depth " + depth + ", patch " + patchSize + ", " + positions + " positions, MLP "
                + mlpHidden + (registers > 0 ? ", " + registers + " registers" : "") + (layerScale ? ", LayerScale" : "")
                + (preNorm ? ", norm_pre" : "") + (patchBias ? "" : ", no patch bias") + (fcNorm ? ", fc_norm" : "")
                + like;
    }
}
