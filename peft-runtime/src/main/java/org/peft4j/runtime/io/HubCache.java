package org.peft4j.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code hf-hub:ORG/NAME[@REVISION]} in the local Hugging Face cache, offline and exactly
 * as {@code huggingface_hub} lays it out: {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code ~/.cache/huggingface/hub}; there {@code models--ORG--NAME/refs/REVISION} holds a commit
 * and {@code snapshots/COMMIT/} the files (usually links into {@code blobs/}). peft4j never
 * downloads. The cache is untrusted: names are checked, reads are bounded, and every file's real
 * path must lie inside the cache's real root.
 */
public final class HubCache {

    /** The prefix that marks a hub reference. */
    public static final String PREFIX = "hf-hub:";

    /** The weights file peft4j reads from a snapshot. */
    public static final String WEIGHTS = "model.safetensors";

    private static final Pattern REFERENCE = Pattern.compile(
            "hf-hub:([A-Za-z0-9][A-Za-z0-9._-]*)/([A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9][A-Za-z0-9._/-]*))?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_REF_BYTES = 256;

    private HubCache() {}

    /**
     * Whether a checkpoint argument names a hub model rather than a file.
     *
     * @param text the argument
     * @return true if it starts with {@value #PREFIX}
     */
    public static boolean isReference(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * The cache root this process uses, from its environment.
     *
     * @return the hub cache folder (it may not exist)
     */
    public static Path root() {
        return root(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The cache root for an environment, by {@code huggingface_hub}'s rule.
     *
     * @param env environment variables
     * @param home the user's home folder
     * @return {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code home/.cache/huggingface/hub}
     */
    public static Path root(Map<String, String> env, Path home) {
        String cache = env.get("HF_HUB_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        return home.resolve(".cache/huggingface/hub");
    }

    /**
     * Resolves a reference in this process's cache.
     *
     * @param reference {@code hf-hub:ORG/NAME} or {@code hf-hub:ORG/NAME@REVISION}
     * @return the snapshot's files
     * @throws CheckpointException if it is malformed, absent, holds only a pickle, or leaves the cache
     */
    public static HubSnapshot resolve(String reference) {
        return resolve(reference, root());
    }

    /**
     * Resolves a reference in a given cache.
     *
     * @param reference {@code hf-hub:ORG/NAME} or {@code hf-hub:ORG/NAME@REVISION} (a branch, tag or commit)
     * @param root the hub cache folder
     * @return the snapshot's files
     * @throws CheckpointException if it is malformed, absent, holds only a pickle, or leaves the cache
     */
    public static HubSnapshot resolve(String reference, Path root) {
        Matcher m = REFERENCE.matcher(reference);
        if (!m.matches() || reference.contains("..")) {
            throw new CheckpointException(Path.of(reference.replace(':', '_')), "is not a hub reference of the form "
                    + "hf-hub:ORG/NAME or hf-hub:ORG/NAME@REVISION (letters, digits, '.', '_', '-')");
        }
        String repo = m.group(1) + "/" + m.group(2);
        String revision = m.group(3) == null ? "main" : m.group(3);
        Path folder = root.resolve("models--" + m.group(1) + "--" + m.group(2));
        String commit = commit(reference, repo, folder, revision);
        Path snapshot = folder.resolve("snapshots").resolve(commit);
        Path weights = snapshot.resolve(WEIGHTS);
        if (!Files.exists(weights)) {
            throw new CheckpointException(snapshot, absentWeights(reference, repo, snapshot));
        }
        Path realRoot = realPath(root, root);
        checkInside(weights, realRoot, root);
        Path config = snapshot.resolve("config.json");
        if (Files.exists(config)) {
            checkInside(config, realRoot, root);
        }
        return new HubSnapshot(reference, commit, weights, Files.exists(config) ? Optional.of(config) : Optional.empty());
    }

    private static String commit(String reference, String repo, Path folder, String revision) {
        if (COMMIT.matcher(revision).matches() && Files.isDirectory(folder.resolve("snapshots").resolve(revision))) {
            return revision;
        }
        Path ref = folder.resolve("refs").resolve(revision);
        if (!Files.isRegularFile(ref)) {
            throw new CheckpointException(ref, reference + " is not in the Hugging Face cache (looked for this "
                    + "file; the cache is $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub); peft4j "
                    + "never downloads: fetch it with 'huggingface-cli download " + repo
                    + (revision.equals("main") ? "" : " --revision " + revision) + "' (or 'hf download " + repo
                    + "') on a machine with network access and point HF_HUB_CACHE at that cache");
        }
        String commit;
        try (InputStream in = Files.newInputStream(ref)) {
            commit = new String(in.readNBytes(MAX_REF_BYTES), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new CheckpointException(ref, "cannot read: " + e.getMessage(), e);
        }
        if (!COMMIT.matcher(commit).matches()) {
            throw new CheckpointException(ref, "does not hold a 40-hex commit hash as huggingface_hub writes it: "
                    + "the cache is damaged; delete this model's folder and download it again");
        }
        Path snapshot = folder.resolve("snapshots").resolve(commit);
        if (!Files.isDirectory(snapshot)) {
            throw new CheckpointException(snapshot, "does not exist although " + ref + " points at it: the cache "
                    + "is incomplete; download " + repo + " again with 'huggingface-cli download " + repo + "'");
        }
        return commit;
    }

    private static String absentWeights(String reference, String repo, Path snapshot) {
        if (Files.exists(snapshot.resolve("pytorch_model.bin"))) {
            return reference + " has only pytorch_model.bin, a pickle, which peft4j never loads; convert it to "
                    + "model.safetensors (e.g. with transformers: from_pretrained then save_pretrained("
                    + "safe_serialization=True)) or download a revision that has one";
        }
        if (Files.exists(snapshot.resolve(WEIGHTS + ".index.json"))) {
            return reference + " is sharded (model.safetensors.index.json), which peft4j does not read; merge "
                    + "the shards into one model.safetensors";
        }
        return reference + " has no model.safetensors in this snapshot; download it with 'huggingface-cli "
                + "download " + repo + " model.safetensors' (or 'hf download " + repo + " model.safetensors')";
    }

    /** Checks that a file's real path is a regular file under the cache's real root. */
    private static void checkInside(Path file, Path realRoot, Path root) {
        Path real = realPath(file, root);
        if (!real.startsWith(realRoot) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException(file, "resolves to " + real + ", which is not a regular file inside the "
                    + "Hugging Face cache " + realRoot + "; the cache is damaged or tampered with, refusing to read it");
        }
    }

    private static Path realPath(Path file, Path root) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be resolved inside the Hugging Face cache " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
