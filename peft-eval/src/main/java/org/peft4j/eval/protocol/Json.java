package org.peft4j.eval.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.peft4j.runtime.data.ContentHash;

/** The JSON form of specs and records: one Gson configuration, and canonical text for hashing. */
public final class Json {

    /** Pretty-printed, no HTML escaping, special floating-point values allowed (never written on purpose). */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private Json() {}

    /**
     * The canonical text of a value: compact JSON with the keys of every object sorted, so that
     * the text (and its hash) does not depend on field or map order.
     *
     * @param value a record or map
     * @return the canonical JSON text
     */
    public static String canonical(Object value) {
        return COMPACT.toJson(sorted(COMPACT.toJsonTree(value)));
    }

    /**
     * SHA-256 of the canonical text of a value.
     *
     * @param value a record or map
     * @return 64 lower-case hex digits
     */
    public static String sha256(Object value) {
        return ContentHash.sha256(canonical(value));
    }

    private static JsonElement sorted(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, JsonElement> byKey = new TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(entry -> byKey.put(entry.getKey(), sorted(entry.getValue())));
            JsonObject out = new JsonObject();
            byKey.forEach(out::add);
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(item -> out.add(sorted(item)));
            return out;
        }
        return e;
    }
}
