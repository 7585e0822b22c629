package org.peft4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.peft4j.runtime.data.DataProblem;
import org.peft4j.runtime.data.DataValidationException;
import org.peft4j.runtime.data.ImageDecoder;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.RgbImage;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Runs a model in eval mode over image files, batch by batch: decode, stretch to the model's input
 * size (as processed VTAB-1K), scale to [0, 1] and normalise, forward. Images that are missing or
 * cannot be decoded are all reported together, and no logits are returned then.
 */
final class ImageClassifier {

    private final VisionTransformer vit;
    private final ImageTransform transform;
    private final Normalization normalization;
    private final int batchSize;

    /**
     * Creates the classifier.
     *
     * @param vit the model
     * @param normalization pixel normalisation, as in training
     * @param batchSize images per forward pass
     */
    ImageClassifier(VisionTransformer vit, Normalization normalization, int batchSize) {
        this.vit = vit;
        this.transform = ImageTransform.stretch(vit.config().imageSize());
        this.normalization = normalization;
        this.batchSize = batchSize;
    }

    /**
     * The logits of every input, in input order.
     *
     * @param inputs the images
     * @return (inputs × classes) logits, row-major
     * @throws DataValidationException listing every image that is missing or cannot be decoded
     */
    float[] logits(List<ImageInputs.Input> inputs) {
        int classes = vit.config().numClasses();
        float[] logits = new float[inputs.size() * classes];
        List<DataProblem> problems = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += batchSize) {
            List<ImageInputs.Input> batch = inputs.subList(start, Math.min(inputs.size(), start + batchSize));
            float[] pixels = pixels(batch, problems);
            if (problems.isEmpty()) {
                System.arraycopy(forward(pixels, batch.size()), 0, logits, start * classes, batch.size() * classes);
            }
        }
        if (!problems.isEmpty()) {
            throw new DataValidationException(problems);
        }
        return logits;
    }

    private float[] forward(float[] pixels, int n) {
        int side = transform.size();
        try (NDManager manager = vit.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray images = manager.create(pixels, new Shape(n, 3, side, side));
            return vit.forward(images, false).toFloatArray();
        }
    }

    /** Decodes a batch in parallel into normalised CHW floats, adding a problem per bad image. */
    private float[] pixels(List<ImageInputs.Input> batch, List<DataProblem> problems) {
        int plane = transform.size() * transform.size();
        float[] out = new float[batch.size() * 3 * plane];
        String[] errors = new String[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            try {
                byte[] rgb = decode(batch.get(i)).pixels();
                for (int c = 0; c < 3; c++) {
                    float scale = 1f / (255f * normalization.std(c));
                    float shift = -normalization.mean(c) / normalization.std(c);
                    int offset = (i * 3 + c) * plane;
                    for (int p = 0; p < plane; p++) {
                        out[offset + p] = (rgb[c * plane + p] & 0xFF) * scale + shift;
                    }
                }
            } catch (IOException e) {
                errors[i] = e.getMessage();
            }
        });
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] != null) {
                problems.add(batch.get(i).problem(errors[i]));
            }
        }
        return out;
    }

    private RgbImage decode(ImageInputs.Input input) throws IOException {
        if (!Files.isRegularFile(input.file())) {
            throw new IOException("the image '" + input.name() + "' does not exist; fix the path");
        }
        try {
            return transform.apply(ImageDecoder.decode(input.file()));
        } catch (IOException e) {
            throw new IOException("the image '" + input.name() + "' cannot be decoded: " + e.getMessage()
                    + "; replace the file or leave it out", e);
        }
    }
}
