package org.peft4j.runtime.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.peft4j.runtime.data.ContentHash;

/**
 * Everything that determines a training run's result, as named parts (the recipe, the model, the
 * trainable tensors, the content of the data, the base weights, the method and its
 * hyperparameters, the code version, ...). An epoch checkpoint stores it; a run resumes from a
 * checkpoint only when every part is equal, and a mismatch names the parts that differ.
 *
 * @param parts part name to value, sorted by name
 */
public record RunFingerprint(Map<String, String> parts) {

    private static final Gson GSON = new Gson();

    /** Copies and sorts the parts. */
    public RunFingerprint {
        parts = java.util.Collections.unmodifiableMap(new TreeMap<>(parts));
    }

    /**
     * An empty fingerprint.
     *
     * @return no parts
     */
    public static RunFingerprint empty() {
        return new RunFingerprint(Map.of());
    }

    /**
     * This fingerprint with one more part.
     *
     * @param name the part's name, e.g. {@code data.train}
     * @param value its value (null is recorded as "none")
     * @return the new fingerprint
     */
    public RunFingerprint with(String name, Object value) {
        Map<String, String> more = new TreeMap<>(parts);
        more.put(Objects.requireNonNull(name, "name"), String.valueOf(value == null ? "none" : value));
        return new RunFingerprint(more);
    }

    /**
     * This fingerprint with every part of another (the other's values win).
     *
     * @param other more parts
     * @return the union
     */
    public RunFingerprint with(RunFingerprint other) {
        Map<String, String> more = new TreeMap<>(parts);
        more.putAll(other.parts);
        return new RunFingerprint(more);
    }

    /**
     * The SHA-256 of the canonical JSON of the parts.
     *
     * @return hex digest
     */
    public String digest() {
        return ContentHash.sha256(toJson());
    }

    /**
     * The parts as JSON, for a checkpoint's metadata.
     *
     * @return a JSON object
     */
    public String toJson() {
        return GSON.toJson(parts);
    }

    /**
     * Reads parts written by {@link #toJson}.
     *
     * @param json the text
     * @return the fingerprint, or empty when the text is not a JSON object of strings
     */
    public static RunFingerprint fromJson(String json) {
        try {
            Map<String, String> parts = GSON.fromJson(json, new TypeToken<Map<String, String>>() {}.getType());
            return parts == null ? empty() : new RunFingerprint(parts);
        } catch (JsonParseException | IllegalStateException e) {
            return empty();
        }
    }

    /**
     * The parts whose values differ between two fingerprints, or that only one has.
     *
     * @param other the other fingerprint
     * @return part names, sorted
     */
    public List<String> differences(RunFingerprint other) {
        List<String> names = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(parts);
        other.parts.forEach(all::putIfAbsent);
        for (String name : all.keySet()) {
            if (!Objects.equals(parts.get(name), other.parts.get(name))) {
                names.add(name);
            }
        }
        return names;
    }
}
