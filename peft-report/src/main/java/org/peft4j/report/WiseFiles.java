package org.peft4j.report;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.Json;
import org.peft4j.runtime.io.AtomicFiles;

/** WiSE-FT curves of a result store: {@code wise/<task>--<method>.json}, one per curve. */
public final class WiseFiles {

    /** The folder of the curves inside a store. */
    public static final String FOLDER = "wise";

    private WiseFiles() {}

    /**
     * Writes a curve atomically.
     *
     * @param storeRoot the result store
     * @param curve the curve
     * @return the file written
     */
    public static Path write(Path storeRoot, WiseCurve curve) {
        Path file = storeRoot.resolve(FOLDER).resolve(curve.task() + "--" + curve.method() + ".json");
        AtomicFiles.writeString(file, Json.GSON.toJson(curve) + "\n");
        return file;
    }

    /**
     * Reads every curve of a store.
     *
     * @param storeRoot the result store
     * @return the curves in file-name order; empty when there is no {@value #FOLDER} folder
     * @throws IllegalArgumentException naming a file that is not a curve
     */
    public static List<WiseCurve> readAll(Path storeRoot) {
        Path dir = storeRoot.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<WiseCurve> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(Json.GSON.fromJson(Files.readString(f), WiseCurve.class));
                } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
                    throw new IllegalArgumentException(f + " is not a WiSE-FT curve (" + e.getMessage()
                            + "); delete it and run 'peft wise' again", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
