package org.peft4j.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a checkpoint in either format, telling them apart by their first bytes (a zip's
 * {@code PK} signature, or a safetensors length followed by <code>'{'</code>) and otherwise by the
 * extension, converts its key layout to timm names (the one place where layouts are told apart),
 * and identifies the file by its SHA-256. A checkpoint is a path or a hub reference
 * ({@code hf-hub:ORG/NAME[@REVISION]}, see {@link HubCache}).
 */
public final class CheckpointReader {

    private CheckpointReader() {}

    /**
     * Reads a checkpoint; a Google {@code .npz} and a transformers ViT are converted to timm names.
     * A {@code model.safetensors} is read with the {@code config.json} beside it, if any.
     *
     * @param checkpoint a {@code .safetensors} or {@code .npz} file, or a hub reference
     * @return the tensors with timm names, the format, the SHA-256 and the config
     * @throws CheckpointException if the file is missing, of neither format, or malformed
     */
    public static CheckpointFile read(Path checkpoint) {
        Path file = locate(checkpoint);
        CheckpointFormat format = format(file);
        Optional<CheckpointConfig> config = CheckpointConfig.beside(file);
        TensorArchive tensors = switch (format) {
            case SAFETENSORS -> {
                TensorArchive archive = SafetensorsFile.read(file);
                yield TransformersVitLayout.matches(archive) ? TransformersVitLayout.toTimm(archive, config) : archive;
            }
            case NPZ -> GoogleVitLayout.toTimm(NpzFile.read(file));
        };
        return new CheckpointFile(file, format, sha256(file), tensors, config);
    }

    /**
     * The file a checkpoint argument names: a hub reference resolved in the local Hugging Face
     * cache, any other path as it is.
     *
     * @param checkpoint a path, or {@code hf-hub:ORG/NAME[@REVISION]}
     * @return the weights file
     * @throws CheckpointException if a hub reference cannot be resolved offline
     */
    public static Path locate(Path checkpoint) {
        String text = checkpoint.toString();
        return HubCache.isReference(text) ? HubCache.resolve(text).weights() : checkpoint;
    }

    /**
     * Determines a file's format.
     *
     * @param file the file
     * @return its format
     * @throws CheckpointException if it is missing or of neither format
     */
    public static CheckpointFormat format(Path file) {
        byte[] head = new byte[9];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && head[3] == head[2] + 1) {
            return CheckpointFormat.NPZ;
        }
        if (n == 9 && head[8] == '{') {
            return CheckpointFormat.SAFETENSORS;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return CheckpointFormat.SAFETENSORS;
        }
        if (name.endsWith(".npz")) {
            return CheckpointFormat.NPZ;
        }
        throw new CheckpointException(file, "is neither a safetensors file nor an npz archive (by its first bytes "
                + "and its extension); use a .safetensors checkpoint with timm names or Google's ViT .npz");
    }

    /**
     * Computes a file's SHA-256, streaming.
     *
     * @param file the file
     * @return 64 lowercase hex digits
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
