package org.peft4j.runtime.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code config.json} beside a {@code model.safetensors} (a transformers config, or timm's hub
 * config with its {@code pretrained_cfg}), read with a size bound. Only values peft4j checks or
 * uses are looked up; the rest is ignored.
 *
 * @param file where it was read from
 * @param json its top-level object
 */
public record CheckpointConfig(Path file, JsonObject json) {

    /** The name of the file beside the weights. */
    public static final String NAME = "config.json";

    private static final int MAX_BYTES = 1 << 20;

    /** Keeps a private copy. */
    public CheckpointConfig {
        json = json.deepCopy();
    }

    /**
     * The config beside a weights file named {@code model.safetensors}, as Hugging Face folders have it.
     *
     * @param weights the weights file
     * @return the config, or empty when the file has another name or no config lies beside it
     * @throws CheckpointException if the config is too large or not a JSON object
     */
    public static Optional<CheckpointConfig> beside(Path weights) {
        Path file = weights.resolveSibling(NAME);
        if (!weights.getFileName().toString().equals(HubCache.WEIGHTS) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new CheckpointException(file, "is larger than " + MAX_BYTES + " bytes, too large for a model "
                    + "config; remove it or replace it with the model's config.json");
        }
        try {
            JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw new JsonParseException("the top level is not an object");
            }
            return Optional.of(new CheckpointConfig(file, json.getAsJsonObject()));
        } catch (JsonParseException e) {
            throw new CheckpointException(file, "is not a JSON object as a model's config.json is ("
                    + e.getMessage() + "); remove it or replace it with the model's config.json", e);
        }
    }

    /**
     * A whole-number value.
     *
     * @param key a top-level key
     * @return its value, or empty when absent
     * @throws CheckpointException if present but not a whole number
     */
    public Optional<Long> integer(String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double d = e.getAsDouble();
                if (d == Math.rint(d)) {
                    return Optional.of((long) d);
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CheckpointException(file, "'" + key + "' is " + e + ", expected a whole number");
    }

    /**
     * A nested object.
     *
     * @param key a top-level key
     * @return a copy of it, or empty when absent or not an object
     */
    public Optional<JsonObject> object(String key) {
        JsonElement e = json.get(key);
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject().deepCopy()) : Optional.empty();
    }

    /** Returns a copy of the top-level object. */
    @Override
    public JsonObject json() {
        return json.deepCopy();
    }
}
