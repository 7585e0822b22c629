package org.peft4j.runtime.adapters;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peft4j.runtime.data.DataLimits;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointException;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VitConfig;

/**
 * What an adapter file records besides its tensors, kept as safetensors string metadata under
 * {@code peft4j.*} keys (hyperparameters and model configuration as JSON).
 *
 * @param method the method's name
 * @param methodVersion the method implementation's version
 * @param spiVersion the SPI version the method's plugin was built against
 * @param hyperparameters complete hyperparameter values as text, as the method's schema reads them
 * @param baseSha256 SHA-256 of the base checkpoint file the adapter was trained on
 * @param model the backbone's configuration (preset name, dimensions, classes)
 * @param referenceCompat whether the method ran under the {@code reference-compat} switch
 * @param preprocessing how the training images were prepared (files written before this field:
 *     the preset's values with no normalisation, the default of {@code peft train} then)
 */
public record AdapterMetadata(
        String method,
        String methodVersion,
        String spiVersion,
        Map<String, String> hyperparameters,
        String baseSha256,
        VitConfig model,
        boolean referenceCompat,
        Preprocessing preprocessing) {

    /** Value of the {@code peft4j.format} key that identifies adapter files of this layout. */
    public static final String FORMAT = "peft4j-adapter/1";

    /** Largest width of a backbone an adapter may declare (ViT-g is 1408). */
    static final int MAX_DIM = 8192;
    /** Largest depth of a backbone an adapter may declare (ViT-g is 40). */
    static final int MAX_DEPTH = 128;
    /** Largest image side of a backbone an adapter may declare. */
    static final int MAX_IMAGE = 4096;
    /** Largest MLP ratio of a backbone an adapter may declare. */
    static final int MAX_MLP_RATIO = 16;

    private static final Gson GSON = new Gson();
    private static final String KEY_FORMAT = "peft4j.format";
    private static final String KEY_METHOD = "peft4j.method";
    private static final String KEY_METHOD_VERSION = "peft4j.method_version";
    private static final String KEY_SPI_VERSION = "peft4j.spi_version";
    private static final String KEY_HYPERPARAMETERS = "peft4j.hyperparameters";
    private static final String KEY_BASE_SHA256 = "peft4j.base_sha256";
    private static final String KEY_MODEL = "peft4j.model";
    private static final String KEY_REFERENCE_COMPAT = "peft4j.reference_compat";
    /** The key of the preprocessing, also written into merged exports. */
    public static final String KEY_PREPROCESSING = "peft4j.preprocessing";

    /** Makes an unmodifiable copy of the hyperparameters, keeping their order. */
    public AdapterMetadata {
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /**
     * Describes a trained model.
     *
     * @param method the instance attached to the model
     * @param model the model
     * @param baseSha256 SHA-256 of the base checkpoint file
     * @param preprocessing how the training images were prepared
     * @return the metadata
     */
    public static AdapterMetadata of(MethodInstance method, PeftModel model, String baseSha256,
            Preprocessing preprocessing) {
        Map<String, String> text = new LinkedHashMap<>();
        method.hyperparameters().asMap().forEach((k, v) -> text.put(k, String.valueOf(v)));
        return new AdapterMetadata(method.name(), method.version(), method.spiVersion(), text, baseSha256,
                model.vit().config(), model.referenceCompat(), preprocessing);
    }

    /**
     * The metadata as safetensors string entries. Hyperparameters keep their JSON types where the
     * text is a number or a boolean.
     *
     * @return entries by key
     */
    public Map<String, String> toStrings() {
        JsonObject values = new JsonObject();
        hyperparameters.forEach((k, v) -> values.add(k, typed(v)));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("format", "pt");
        out.put(KEY_FORMAT, FORMAT);
        out.put(KEY_METHOD, method);
        out.put(KEY_METHOD_VERSION, methodVersion);
        out.put(KEY_SPI_VERSION, spiVersion);
        out.put(KEY_HYPERPARAMETERS, values.toString());
        out.put(KEY_BASE_SHA256, baseSha256);
        out.put(KEY_MODEL, GSON.toJson(model));
        out.put(KEY_REFERENCE_COMPAT, String.valueOf(referenceCompat));
        out.put(KEY_PREPROCESSING, preprocessing.toJson());
        return out;
    }

    /** A number or boolean as such, any other text as a JSON string; either reads back as the same text. */
    private static JsonElement typed(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (parsed.isJsonPrimitive() && !parsed.getAsJsonPrimitive().isString()) {
                return parsed;
            }
        } catch (JsonParseException e) {
            // not a JSON scalar: kept as a string below
        }
        return new JsonPrimitive(text);
    }

    /**
     * Reads the metadata of an adapter file.
     *
     * @param file the file, for messages
     * @param metadata its string metadata
     * @return the parsed metadata
     * @throws CheckpointException naming the missing or malformed key
     */
    public static AdapterMetadata parse(Path file, Map<String, String> metadata) {
        String format = metadata.get(KEY_FORMAT);
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(file, format == null
                    ? "is not a peft4j adapter: its metadata has no '" + KEY_FORMAT + "' (is it a base checkpoint?)"
                    : "has adapter format '" + format + "', but this runtime reads '" + FORMAT + "'");
        }
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json(file, metadata, KEY_HYPERPARAMETERS).entrySet()) {
            hyperparameters.put(e.getKey(), e.getValue().getAsString());
        }
        VitConfig model;
        try {
            model = GSON.fromJson(json(file, metadata, KEY_MODEL), VitConfig.class);
        } catch (RuntimeException e) {
            throw new CheckpointException(file, "metadata '" + KEY_MODEL + "' is not a valid model configuration: "
                    + e.getMessage(), e);
        }
        requireBounded(file, model);
        return new AdapterMetadata(
                require(file, metadata, KEY_METHOD),
                require(file, metadata, KEY_METHOD_VERSION),
                require(file, metadata, KEY_SPI_VERSION),
                hyperparameters,
                require(file, metadata, KEY_BASE_SHA256),
                model,
                Boolean.parseBoolean(require(file, metadata, KEY_REFERENCE_COMPAT)),
                preprocessing(file, metadata, model));
    }

    /**
     * The preprocessing a file's metadata records under {@value #KEY_PREPROCESSING}.
     *
     * @param file the file, for messages
     * @param metadata its string metadata
     * @param model the backbone it belongs to
     * @return the recorded preprocessing; for a file without one, the preset's values with no
     *     normalisation (the default of {@code peft train} before the field existed)
     * @throws CheckpointException if the recorded value is malformed
     */
    public static Preprocessing preprocessing(Path file, Map<String, String> metadata, VitConfig model) {
        String text = metadata.get(KEY_PREPROCESSING);
        if (text == null) {
            return Preprocessing.forRun(model.name(), model.imageSize(), Normalization.NONE);
        }
        try {
            return Preprocessing.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "metadata '" + KEY_PREPROCESSING + "': " + e.getMessage()
                    + "; the file is damaged", e);
        }
    }

    /**
     * Refuses a model configuration that would make a backbone absurdly large before anything is
     * allocated: classes above {@code data.max_classes}, or dimensions beyond {@link #MAX_DIM},
     * {@link #MAX_DEPTH}, {@link #MAX_IMAGE} and {@link #MAX_MLP_RATIO}.
     */
    private static void requireBounded(Path file, VitConfig m) {
        int maxClasses = DataLimits.current().maxClasses();
        String problem = m.numClasses() > maxClasses ? m.numClasses() + " classes, above the limit of " + maxClasses
                        + " (data.max_classes)"
                : m.dim() < 1 || m.dim() > MAX_DIM || m.heads() < 1 || m.depth() < 1 || m.depth() > MAX_DEPTH
                        || m.patchSize() < 1 || m.imageSize() < m.patchSize() || m.imageSize() > MAX_IMAGE
                        || m.mlpRatio() < 1 || m.mlpRatio() > MAX_MLP_RATIO
                        ? "dim " + m.dim() + ", depth " + m.depth() + ", " + m.heads() + " heads, image " + m.imageSize()
                                + " px, patch " + m.patchSize() + ", MLP ratio " + m.mlpRatio() + ", outside dim 1.."
                                + MAX_DIM + ", depth 1.." + MAX_DEPTH + ", image up to " + MAX_IMAGE + " px, MLP ratio 1.."
                                + MAX_MLP_RATIO
                : null;
        if (problem != null) {
            throw new CheckpointException(file, "metadata '" + KEY_MODEL + "' declares a backbone of " + problem
                    + "; the file is damaged or hostile, nothing was allocated");
        }
    }

    private static String require(Path file, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new CheckpointException(file, "adapter metadata lacks '" + key + "'; the file is damaged");
        }
        return value;
    }

    private static JsonObject json(Path file, Map<String, String> metadata, String key) {
        try {
            return JsonParser.parseString(require(file, metadata, key)).getAsJsonObject();
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(file, "metadata '" + key + "' is not a JSON object: " + e.getMessage(), e);
        }
    }
}
