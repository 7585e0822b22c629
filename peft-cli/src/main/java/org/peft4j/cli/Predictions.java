package org.peft4j.cli;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;

/**
 * Predictions of a model for named inputs: the class with the largest logit and its softmax
 * probability, written as CSV; the logits themselves as a safetensors tensor.
 *
 * @param names input names, in order
 * @param logits (inputs × classes) logits, row-major
 * @param classes number of classes
 */
record Predictions(List<String> names, float[] logits, int classes) {

    /** Name of the tensor in the logits file. */
    static final String LOGITS = "logits";

    /**
     * The predicted class of an input.
     *
     * @param i the input's index
     * @return the class with the largest logit (the first on ties)
     */
    int predicted(int i) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[i * classes + c] > logits[i * classes + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The softmax probability of the predicted class.
     *
     * @param i the input's index
     * @return a probability in (0, 1]
     */
    double confidence(int i) {
        double max = logits[i * classes + predicted(i)];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[i * classes + c] - max);
        }
        return 1 / sum;
    }

    /**
     * Writes {@code path,class,confidence} lines with a header, in input order, atomically.
     *
     * @param file the CSV file
     */
    void writeCsv(Path file) {
        StringBuilder csv = new StringBuilder("path,class,confidence\n");
        for (int i = 0; i < names.size(); i++) {
            csv.append(quote(names.get(i))).append(',').append(predicted(i)).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", confidence(i))).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * Writes the logits as one float32 tensor {@value #LOGITS} of shape (inputs, classes), atomically.
     *
     * @param file the safetensors file
     */
    void writeLogits(Path file) {
        ByteBuffer bytes = ByteBuffer.allocate(logits.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(logits);
        RawTensor tensor = new RawTensor(DataType.FLOAT32, new Shape(names.size(), classes), bytes);
        SafetensorsFile.writeRaw(file, Map.of(LOGITS, tensor), Map.of("format", "pt"));
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
