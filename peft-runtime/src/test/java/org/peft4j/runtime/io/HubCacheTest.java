package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub references against the cache in src/test/hub-cache, written by huggingface_hub's own cache
 * helpers and checked with its scan_cache_dir and try_to_load_from_cache
 * (src/test/python/make_checkpoint_fixtures.py), and against damaged caches built here.
 */
class HubCacheTest {

    static final Path CACHE = Path.of("src/test/hub-cache");
    static final String REPO = "peft4j-fixtures/vit-micro-transformers";
    static final String COMMIT = "aac23c38f38bb20e099fd38dd1e8bd5d8019e68c";

    @TempDir
    Path dir;

    @Test
    void theRootFollowsHuggingfaceHubsRule() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c"), HubCache.root(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), home));
        assertEquals(Path.of("/h/hub"), HubCache.root(Map.of("HF_HOME", "/h"), home));
        assertEquals(Path.of("/home/u/.cache/huggingface/hub"), HubCache.root(Map.of(), home));
    }

    @Test
    void branchesTagsAndCommitsResolveToTheSnapshot() {
        Path snapshot = CACHE.resolve("models--peft4j-fixtures--vit-micro-transformers/snapshots/" + COMMIT);
        for (String revision : new String[] {"", "@main", "@v1", "@" + COMMIT}) {
            HubSnapshot s = HubCache.resolve("hf-hub:" + REPO + revision, CACHE);
            assertEquals(COMMIT, s.commit());
            assertEquals(snapshot.resolve("model.safetensors"), s.weights());
            assertEquals(snapshot.resolve("config.json"), s.config().orElseThrow());
        }
    }

    @Test
    void anAbsentModelNamesWhereItLookedAndHowToFetchIt() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> HubCache.resolve("hf-hub:google/vit-base-patch16-224-in21k", CACHE));
        assertTrue(e.getMessage().startsWith(CACHE.resolve("models--google--vit-base-patch16-224-in21k/refs/main")
                + ": hf-hub:google/vit-base-patch16-224-in21k is not in the Hugging Face cache"), e.getMessage());
        assertTrue(e.getMessage().contains("'huggingface-cli download google/vit-base-patch16-224-in21k'"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> HubCache.resolve("hf-hub:" + REPO + "@v2", CACHE));
        assertTrue(e.getMessage().contains("--revision v2"), e.getMessage());
    }

    @Test
    void malformedReferencesAreRefused() {
        for (String bad : new String[] {"hf-hub:../etc", "hf-hub:a/b/c", "hf-hub:a/..", "hf-hub:a/b@../../x", "hf-hub:ab"}) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> HubCache.resolve(bad, CACHE), bad);
            assertTrue(e.getMessage().contains("is not a hub reference of the form hf-hub:ORG/NAME"), e.getMessage());
        }
    }

    @Test
    void aPickleOnlyModelIsRefusedWithTheWayToConvertIt() throws IOException {
        Path snapshot = model("org--pickled").resolve("snapshots/" + COMMIT);
        Files.write(snapshot.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        CheckpointException e = assertThrows(CheckpointException.class, () -> HubCache.resolve("hf-hub:org/pickled", dir));
        assertTrue(e.getMessage().contains("has only pytorch_model.bin, a pickle, which peft4j never loads; convert it"),
                e.getMessage());
    }

    @Test
    void linksThatLeaveTheCacheAreRefused() throws IOException {
        Path outside = Files.writeString(dir.resolve("secret.safetensors"), "x");
        Path root = Files.createDirectories(dir.resolve("hub"));
        Path snapshot = Files.createDirectories(root.resolve("models--org--evil/snapshots/" + COMMIT));
        Files.writeString(Files.createDirectories(root.resolve("models--org--evil/refs")).resolve("main"), COMMIT);
        Files.createSymbolicLink(snapshot.resolve("model.safetensors"), Path.of("../../../../secret.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HubCache.resolve("hf-hub:org/evil", root));
        assertTrue(e.getMessage().contains("resolves to " + outside.toRealPath() + ", which is not a regular file inside "
                + "the Hugging Face cache"), e.getMessage());
    }

    @Test
    void aDamagedRefIsRefused() throws IOException {
        Path folder = model("org--damaged");
        Files.writeString(folder.resolve("refs/main"), "x".repeat(10_000));
        CheckpointException e = assertThrows(CheckpointException.class, () -> HubCache.resolve("hf-hub:org/damaged", dir));
        assertTrue(e.getMessage().contains("does not hold a 40-hex commit hash"), e.getMessage());
    }

    /** A model folder with refs/main pointing at an empty snapshot. */
    private Path model(String name) throws IOException {
        Path folder = dir.resolve("models--" + name);
        Files.createDirectories(folder.resolve("snapshots/" + COMMIT));
        Files.writeString(Files.createDirectories(folder.resolve("refs")).resolve("main"), COMMIT + "\n");
        return folder;
    }
}
