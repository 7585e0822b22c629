package org.peft4j.eval.protocol.store;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.train.EvalResult;

/**
 * Per-example results of a final trial as a safetensors file (readable from Python): {@code labels}
 * and {@code predictions} int32 (N), {@code probabilities} float32 (N, C) softmax, in test-list
 * order. Written atomically; the record holds its SHA-256.
 */
public final class PredictionsFile {

    /** File name inside a trial folder. */
    public static final String NAME = "predictions.safetensors";

    /** Format tag in the file's metadata. */
    public static final String FORMAT = "peft4j-predictions/1";

    /**
     * Predictions read back.
     *
     * @param labels true class per example
     * @param predictions predicted class per example
     * @param probabilities softmax probabilities, row-major (N × classes)
     * @param classes number of classes
     */
    public record Predictions(int[] labels, int[] predictions, float[] probabilities, int classes) {

        /**
         * Number of examples.
         *
         * @return N
         */
        public int size() {
            return labels.length;
        }
    }

    private PredictionsFile() {}

    /**
     * Writes an evaluation's predictions.
     *
     * @param file destination
     * @param eval the evaluation
     * @param trialId the trial, recorded in the metadata
     * @param split the evaluated split, recorded in the metadata
     */
    public static void write(Path file, EvalResult eval, String trialId, String split) {
        int n = eval.size();
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        tensors.put("labels", ints(eval.labels()));
        tensors.put("predictions", ints(eval.predictions()));
        ByteBuffer probs = ByteBuffer.allocate(eval.probabilities().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        probs.asFloatBuffer().put(eval.probabilities());
        tensors.put("probabilities", new RawTensor(DataType.FLOAT32, new Shape(n, eval.numClasses()), probs));
        SafetensorsFile.writeRaw(file, tensors, Map.of("peft4j.format", FORMAT, "trial", trialId, "split", split));
    }

    /**
     * Reads predictions.
     *
     * @param file the file
     * @return the predictions
     * @throws org.peft4j.runtime.io.CheckpointException if the file is missing or malformed
     */
    public static Predictions read(Path file) {
        TensorArchive archive = SafetensorsFile.read(file);
        int[] labels = ints(archive.get("labels"));
        int[] predictions = ints(archive.get("predictions"));
        RawTensor p = archive.get("probabilities");
        float[] probabilities = new float[Math.toIntExact(p.shape().size())];
        p.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(probabilities);
        int classes = labels.length == 0 ? 0 : probabilities.length / labels.length;
        return new Predictions(labels, predictions, probabilities, classes);
    }

    private static RawTensor ints(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return new RawTensor(DataType.INT32, new Shape(values.length), bytes);
    }

    private static int[] ints(RawTensor t) {
        int[] out = new int[Math.toIntExact(t.shape().size())];
        t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }
}
