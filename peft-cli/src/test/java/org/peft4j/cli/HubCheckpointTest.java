package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.SafetensorsFile;

/**
 * {@code --checkpoint hf-hub:...} as a user runs it: a child {@code peft} whose {@code HF_HUB_CACHE}
 * is the cache that huggingface_hub wrote (peft-runtime/src/test/hub-cache, a transformers ViT of
 * vit-micro's size), trained at another input size, then used by predict with the preprocessing
 * that travelled in the adapter file.
 */
class HubCheckpointTest {

    private static final Map<String, String> CACHE = Map.of("HF_HUB_CACHE",
            Path.of("../peft-runtime/src/test/hub-cache").toAbsolutePath().normalize().toString());
    private static final String HUB = "hf-hub:peft4j-fixtures/vit-micro-transformers";

    private static String run(Path log, int expectedExit, String... args) throws Exception {
        Process p = ChildJvm.start(log, CACHE, args);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "peft " + args[0] + " finishes");
        String out = Files.readString(log);
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }

    @Test
    void aTransformersCheckpointFromTheCacheTrainsAtAnotherSizeAndPredicts(@TempDir Path dir) throws Exception {
        Path task = TinyData.task(dir.resolve("task"));
        Path out = dir.resolve("run");
        String train = run(dir.resolve("train.log"), 0, "train", "--data", task.toString(), "--model", "vit-micro",
                "--checkpoint", HUB, "--image-size", "48", "--method", "lora", "--set", "rank=2",
                "--train-split", "train800", "--eval-split", "val200", "--epochs", "1", "--batch", "4",
                "--threads", "1", "--output", out.toString());
        assertTrue(train.contains("position embedding resampled from a 4x4 to a 6x6 grid (48 px, patch 8)"), train);
        Path adapter = out.resolve("adapter.safetensors");
        assertEquals(new Preprocessing(48, Normalization.NONE, "bicubic", 1.0), Preprocessing.fromJson(
                SafetensorsFile.read(adapter).metadata().get("peft4j.preprocessing")));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("snapshots/aac23c38f38bb20e099fd38dd1e8bd5d8019e68c/model.safetensors"), summary);

        Path photos = TinyData.photos(dir.resolve("photos"), 3);
        String predict = run(dir.resolve("predict.log"), 0, "predict", "--checkpoint", HUB, "--adapter",
                adapter.toString(), "--images", photos.toString(), "--output", dir.resolve("p.csv").toString(),
                "--threads", "1");
        assertTrue(predict.contains("normalisation none (recorded in " + adapter + ")"), predict);
        assertEquals(4, Files.readAllLines(dir.resolve("p.csv")).size(), "a header and three predictions");
    }

    @Test
    void anAbsentModelIsOneSentenceWithTheDownloadCommand(@TempDir Path dir) throws Exception {
        String out = run(dir.resolve("absent.log"), 1, "inspect", "hf-hub:google/vit-base-patch16-224-in21k");
        assertTrue(out.contains("peft: error: " + CACHE.get("HF_HUB_CACHE")
                + "/models--google--vit-base-patch16-224-in21k/refs/main: hf-hub:google/vit-base-patch16-224-in21k is "
                + "not in the Hugging Face cache"), out);
        assertTrue(out.contains("fetch it with 'huggingface-cli download google/vit-base-patch16-224-in21k'"), out);
    }
}
