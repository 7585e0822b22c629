package org.peft4j.eval.protocol.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.peft4j.eval.protocol.Json;
import org.peft4j.runtime.data.ContentHash;

/**
 * The text of a {@code record.json}: the record's JSON object preceded by a {@code checksum} member,
 * {@code "sha256:<hex>"} of the pretty-printed object without that member. A truncated file, a file
 * that is not JSON, and any edit are detected on reading.
 */
public final class RecordFiles {

    private static final String CHECKSUM = "checksum";
    private static final String PREFIX = "sha256:";

    private RecordFiles() {}

    /**
     * Encodes a record.
     *
     * @param record the record
     * @return the file's text
     */
    public static String encode(TrialRecord record) {
        JsonObject body = Json.GSON.toJsonTree(record).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty(CHECKSUM, PREFIX + ContentHash.sha256(Json.GSON.toJson(body)));
        body.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        return Json.GSON.toJson(out) + "\n";
    }

    /**
     * Decodes and verifies a record.
     *
     * @param text the file's text
     * @return the record
     * @throws CorruptRecordException if the text is not JSON, has no checksum, does not match it, or
     *     is not a record of format {@value TrialRecord#FORMAT}
     */
    public static TrialRecord decode(String text) throws CorruptRecordException {
        JsonObject object;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new CorruptRecordException("not a JSON object");
            }
            object = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CorruptRecordException("not valid JSON (truncated?): " + e.getMessage());
        }
        JsonElement checksum = object.remove(CHECKSUM);
        if (checksum == null || !checksum.isJsonPrimitive() || !checksum.getAsString().startsWith(PREFIX)) {
            throw new CorruptRecordException("no '" + CHECKSUM + "' member");
        }
        String actual = ContentHash.sha256(Json.GSON.toJson(object));
        if (!checksum.getAsString().equals(PREFIX + actual)) {
            throw new CorruptRecordException("checksum mismatch: the file says " + checksum.getAsString()
                    + ", its content hashes to " + PREFIX + actual);
        }
        TrialRecord record;
        try {
            record = Json.GSON.fromJson(object, TrialRecord.class);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("not a trial record: " + e.getMessage());
        }
        if (!TrialRecord.FORMAT.equals(record.format()) || record.trialId() == null || record.status() == null
                || record.kind() == null) {
            throw new CorruptRecordException("not a trial record of format " + TrialRecord.FORMAT);
        }
        return record;
    }
}
