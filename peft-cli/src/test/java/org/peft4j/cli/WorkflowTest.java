package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;

/** train, inspect, merge and predict on a tiny task, checking what each writes. */
class WorkflowTest {

    @TempDir
    static Path dir;

    private static Path runs;

    @BeforeAll
    static void trainLoraOnATinyTask() {
        TinyData.task(dir.resolve("task"));
        runs = dir.resolve("runs");
        Cli.run("train", "--data", dir.resolve("task").toString(), "--model", "vit-tiny", "--method", "lora",
                "--set", "rank=4", "--train-split", "train800", "--eval-split", "val200", "--epochs", "2", "--batch", "4",
                "--lr", "1e-2", "--threads", "2", "-q",
                "--output", runs.resolve("lora").toString()).ok();
    }

    @Test
    void trainWritesTheAdapterTheRandomBaseAndASummary() throws IOException {
        Path out = runs.resolve("lora");
        assertTrue(Files.isRegularFile(out.resolve("adapter.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("base.safetensors")));
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("ok", summary.get("status").getAsString());
        assertEquals("lora", summary.getAsJsonObject("method").get("name").getAsString());
        assertEquals("4", summary.getAsJsonObject("method").getAsJsonObject("hyperparameters").get("rank").getAsString());
        // LoRA rank 4 on vit-tiny: 6 blocks × 4 × (192 + 576)
        assertEquals(6 * 4 * (192 + 576), summary.getAsJsonObject("model").get("inserted_parameters").getAsLong());
        assertEquals(2, summary.getAsJsonArray("epochs").size());
        assertEquals(4, summary.getAsJsonObject("eval").get("images").getAsInt());
        assertEquals("val200", summary.getAsJsonObject("data").get("eval_split").getAsString());
        assertEquals(8, summary.getAsJsonObject("data").get("train_images").getAsInt());
    }

    @Test
    void inspectShowsTheAdapterMethodAndItsInsertedParameters() {
        String out = Cli.run("inspect", runs.resolve("lora").resolve("adapter.safetensors").toString()).ok();
        assertTrue(out.contains("peft4j.method = lora"), out);
        assertTrue(out.contains("inserted          18,432 parameters (+ 386 in the head)"), out);
        assertTrue(out.contains("blocks.0.attn.lora.lora_a.weight  float32  [4, 192]  768"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("sha256 +[0-9a-f]{64}")), out);
    }

    @Test
    void theMergedCheckpointPredictsLikeTheAdapter() throws IOException {
        Path lora = runs.resolve("lora");
        Path merged = dir.resolve("merged.safetensors");
        Cli.run("merge", "--base", lora.resolve("base.safetensors").toString(), "--adapter",
                lora.resolve("adapter.safetensors").toString(), "--output", merged.toString()).ok();
        Path test = dir.resolve("task").resolve("test.txt");
        Cli.run("predict", "--checkpoint", lora.resolve("base.safetensors").toString(), "--adapter",
                lora.resolve("adapter.safetensors").toString(), "--list", test.toString(), "--output",
                dir.resolve("adapter.csv").toString(), "--logits", dir.resolve("adapter-logits.safetensors").toString()).ok();
        Cli.run("predict", "--checkpoint", merged.toString(), "--list", test.toString(), "--output",
                dir.resolve("merged.csv").toString(), "--logits", dir.resolve("merged-logits.safetensors").toString()).ok();
        List<String> adapterCsv = Files.readAllLines(dir.resolve("adapter.csv"));
        assertEquals("path,class,confidence", adapterCsv.get(0));
        assertEquals(List.of("images/12.png", "images/13.png", "images/14.png", "images/15.png"),
                adapterCsv.subList(1, 5).stream().map(l -> l.split(",")[0]).toList());
        assertEquals(classes(adapterCsv), classes(Files.readAllLines(dir.resolve("merged.csv"))));
        float[] a = logits(dir.resolve("adapter-logits.safetensors"));
        float[] m = logits(dir.resolve("merged-logits.safetensors"));
        assertEquals(4 * 2, a.length);
        assertArrayEquals(a, m, 1e-4f);
    }

    @Test
    void predictTakesFilesAndFoldersInOrder() throws IOException {
        Path lora = runs.resolve("lora");
        Path photos = TinyData.photos(dir.resolve("photos"), 3);
        Cli.run("predict", "--checkpoint", lora.resolve("base.safetensors").toString(), "--adapter",
                lora.resolve("adapter.safetensors").toString(), "--images", photos.toString(), "--batch", "2",
                "--output", dir.resolve("folder.csv").toString()).ok();
        List<String> rows = Files.readAllLines(dir.resolve("folder.csv"));
        assertEquals(4, rows.size());
        assertTrue(rows.get(1).startsWith(photos.resolve("photo-0.png") + ","), rows.toString());
        Cli.run("predict", "--checkpoint", lora.resolve("base.safetensors").toString(), "--adapter",
                lora.resolve("adapter.safetensors").toString(), photos.resolve("photo-2.png").toString(),
                photos.resolve("photo-0.png").toString(), "--output", dir.resolve("files.csv").toString()).ok();
        List<String> files = Files.readAllLines(dir.resolve("files.csv"));
        assertEquals(rows.get(3), files.get(1));
        assertEquals(rows.get(1), files.get(2));
    }

    private static List<String> classes(List<String> csv) {
        return csv.stream().skip(1).map(l -> l.split(",")[1]).toList();
    }

    private static float[] logits(Path file) {
        RawTensor t = SafetensorsFile.read(file).get(Predictions.LOGITS);
        float[] values = new float[(int) t.shape().size()];
        t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
