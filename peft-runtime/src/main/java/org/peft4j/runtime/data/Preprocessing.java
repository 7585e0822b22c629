package org.peft4j.runtime.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a backbone's inputs were prepared when it was pretrained, as timm's {@code pretrained_cfg}
 * states it: input side, per-channel normalisation, resize interpolation and centre-crop
 * fraction. peft4j's own transform uses the input size and normalisation; interpolation and crop
 * are recorded for the reader (peft4j resizes both sides bicubically without a crop, as the
 * processed VTAB-1K does).
 *
 * @param inputSize input side in pixels
 * @param normalization per-channel mean and std
 * @param interpolation resize interpolation, e.g. {@code bicubic}
 * @param cropPct centre-crop fraction of timm's evaluation transform
 */
public record Preprocessing(int inputSize, Normalization normalization, String interpolation, double cropPct) {

    /**
     * timm's {@code pretrained_cfg} of the model each preset mirrors (timm 1.0.12): e.g.
     * {@code vit-b16} is {@code vit_base_patch16_224.augreg2_in21k_ft_in1k}, {@code dinov2-b14}
     * {@code vit_base_patch14_dinov2.lvd142m}, {@code clip-b16}
     * {@code vit_base_patch16_clip_224.openai}, {@code mae-b16} {@code vit_base_patch16_224.mae}.
     * {@code vit-micro} and {@code vit-tiny} are peft4j's own 32-px backbones, pretrained without
     * normalisation.
     */
    private static final Map<String, Preprocessing> PRESETS = Map.ofEntries(
            Map.entry("vit-micro", new Preprocessing(32, Normalization.NONE, "bicubic", 1.0)),
            Map.entry("vit-tiny", new Preprocessing(32, Normalization.NONE, "bicubic", 1.0)),
            Map.entry("vit-s16", new Preprocessing(224, Normalization.INCEPTION, "bicubic", 0.9)),
            Map.entry("vit-b16", new Preprocessing(224, Normalization.INCEPTION, "bicubic", 0.9)),
            Map.entry("vit-l16", new Preprocessing(224, Normalization.INCEPTION, "bicubic", 0.9)),
            Map.entry("vit-b32", new Preprocessing(224, Normalization.INCEPTION, "bicubic", 0.9)),
            Map.entry("vit-b16-384", new Preprocessing(384, Normalization.INCEPTION, "bicubic", 1.0)),
            Map.entry("dinov2-s14", new Preprocessing(518, Normalization.IMAGENET, "bicubic", 1.0)),
            Map.entry("dinov2-b14", new Preprocessing(518, Normalization.IMAGENET, "bicubic", 1.0)),
            Map.entry("dinov2-l14", new Preprocessing(518, Normalization.IMAGENET, "bicubic", 1.0)),
            Map.entry("dinov2-b14-reg4", new Preprocessing(518, Normalization.IMAGENET, "bicubic", 1.0)),
            Map.entry("clip-b16", new Preprocessing(224, Normalization.CLIP, "bicubic", 0.9)),
            Map.entry("clip-l14", new Preprocessing(224, Normalization.CLIP, "bicubic", 1.0)),
            Map.entry("mae-b16", new Preprocessing(224, Normalization.IMAGENET, "bicubic", 0.9)));

    /** Checks the values. */
    public Preprocessing {
        if (inputSize < 1 || !(cropPct > 0 && cropPct <= 1) || interpolation == null || interpolation.isBlank()) {
            throw new IllegalArgumentException("preprocessing needs an input size of at least 1, a crop fraction in "
                    + "(0, 1] and an interpolation; got " + inputSize + ", " + cropPct + ", '" + interpolation + "'");
        }
    }

    /**
     * The preprocessing a preset's backbone was pretrained with.
     *
     * @param preset a preset name
     * @param inputSize the model's input side, used for a preset this table does not know
     * @return the preset's values; for an unknown preset no normalisation, bicubic, no crop, at inputSize
     */
    public static Preprocessing ofPreset(String preset, int inputSize) {
        Preprocessing p = PRESETS.get(preset.toLowerCase(Locale.ROOT));
        return p != null ? p : new Preprocessing(inputSize, Normalization.NONE, "bicubic", 1.0);
    }

    /**
     * What a run at a model's input size with a given normalisation records: the preset's
     * interpolation and crop, the model's input size, the normalisation used.
     *
     * @param preset the model's preset name
     * @param inputSize the model's input side
     * @param used the normalisation the images had
     * @return the preprocessing
     */
    public static Preprocessing forRun(String preset, int inputSize, Normalization used) {
        return ofPreset(preset, inputSize).withInputSize(inputSize).withNormalization(used);
    }

    /**
     * The preprocessing stated by a hub config: timm's {@code pretrained_cfg} object, or the
     * top-level keys of a timm {@code config.json} ({@code input_size}, {@code mean}, {@code std},
     * {@code interpolation}, {@code crop_pct}).
     *
     * @param config the parsed config.json
     * @param inputSize the side to use when the config states none
     * @return the preprocessing, or empty when the config states no mean and std (a transformers config)
     * @throws IllegalArgumentException if it states values peft4j cannot use, in one sentence
     */
    public static Optional<Preprocessing> fromPretrainedCfg(JsonObject config, int inputSize) {
        JsonObject cfg = config.has("pretrained_cfg") && config.get("pretrained_cfg").isJsonObject()
                ? config.getAsJsonObject("pretrained_cfg") : config;
        if (!cfg.has("mean") || !cfg.has("std")) {
            return Optional.empty();
        }
        try {
            double[] mean = triple(cfg.get("mean"));
            double[] std = triple(cfg.get("std"));
            Normalization n = Normalization.matching(mean, std).orElseThrow(() -> new IllegalArgumentException(
                    "its pretrained_cfg states mean " + cfg.get("mean") + " and std " + cfg.get("std")
                            + ", which are none of peft4j's normalisations (none, imagenet, inception, clip); "
                            + "pass the closest with --normalization"));
            JsonArray size = cfg.has("input_size") ? cfg.getAsJsonArray("input_size") : null;
            int side = size == null ? inputSize : size.get(size.size() - 1).getAsInt();
            if (size != null && (size.size() != 3 || size.get(1).getAsInt() != side)) {
                throw new IllegalArgumentException("its pretrained_cfg input_size " + size
                        + " is not (3, side, side), a square input as peft4j's models take");
            }
            String interpolation = cfg.has("interpolation") ? cfg.get("interpolation").getAsString() : "bicubic";
            double crop = cfg.has("crop_pct") ? cfg.get("crop_pct").getAsDouble() : 1.0;
            return Optional.of(new Preprocessing(side, n, interpolation, crop));
        } catch (IllegalStateException | ClassCastException | NumberFormatException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("its pretrained_cfg is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static double[] triple(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /**
     * This preprocessing with another normalisation (the one a run actually used).
     *
     * @param n the normalisation
     * @return a copy
     */
    public Preprocessing withNormalization(Normalization n) {
        return new Preprocessing(inputSize, n, interpolation, cropPct);
    }

    /**
     * This preprocessing at another input size (the model's, after --image-size).
     *
     * @param size input side in pixels
     * @return a copy
     */
    public Preprocessing withInputSize(int size) {
        return new Preprocessing(size, normalization, interpolation, cropPct);
    }

    /**
     * As JSON, for adapter files, store specs and merged exports.
     *
     * @return e.g. <code>{"input_size":224,"normalization":"inception","interpolation":"bicubic","crop_pct":0.9}</code>
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("input_size", inputSize);
        o.addProperty("normalization", normalization.id());
        o.addProperty("interpolation", interpolation);
        o.addProperty("crop_pct", cropPct);
        return o.toString();
    }

    /**
     * Reads {@link #toJson()}'s form.
     *
     * @param json the text
     * @return the preprocessing
     * @throws IllegalArgumentException if it is not that form
     */
    public static Preprocessing fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new Preprocessing(o.get("input_size").getAsInt(), Normalization.parse(o.get("normalization").getAsString()),
                    o.get("interpolation").getAsString(), o.get("crop_pct").getAsDouble());
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | NumberFormatException | ClassCastException e) {
            throw new IllegalArgumentException("preprocessing " + json + " is not of the form {\"input_size\": N, "
                    + "\"normalization\": NAME, \"interpolation\": NAME, \"crop_pct\": X}", e);
        }
    }

    /**
     * A phrase for reports and messages.
     *
     * @return e.g. "normalisation inception, 224 px, bicubic, crop 0.9"
     */
    public String describe() {
        return "normalisation " + normalization.id() + ", " + inputSize + " px, " + interpolation + ", crop " + cropPct;
    }
}
