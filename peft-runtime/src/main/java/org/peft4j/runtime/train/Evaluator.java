package org.peft4j.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.Iterator;
import org.peft4j.runtime.vit.VisionTransformer;

/** Runs a model in eval mode over a split: accuracy, loss, per-example predictions and probabilities. */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Evaluates in split order, without dropout or drop path and without autograd.
     *
     * @param vit the model
     * @param split the held-out split
     * @param batchSize examples per forward pass
     * @return the result
     */
    public static EvalResult evaluate(VisionTransformer vit, BatchSource split, int batchSize) {
        int n = split.size();
        int[] predictions = new int[n];
        float[] confidence = new float[n];
        int[] labels = new int[n];
        int classes = vit.config().numClasses();
        float[] probabilities = new float[n * classes];
        double lossSum = 0;
        int correct = 0;
        Iterator<Batch> it = split.batches(batchSize, false, 0, false, vit.device());
        try {
            while (it.hasNext()) {
            try (Batch batch = it.next(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray logits = vit.forward(batch.images(), false);
                lossSum += CrossEntropy.loss(logits, batch.labels()).getFloat() * batch.size();
                NDArray probs = logits.softmax(1);
                int[] pred = probs.argMax(1).toType(DataType.INT32, false).toIntArray();
                float[] conf = probs.max(new int[] {1}).toFloatArray();
                float[] rows = probs.toFloatArray();
                long[] truth = batch.labels().toLongArray();
                for (int j = 0; j < batch.size(); j++) {
                    int idx = batch.indices()[j];
                    predictions[idx] = pred[j];
                    confidence[idx] = conf[j];
                    labels[idx] = (int) truth[j];
                    System.arraycopy(rows, j * classes, probabilities, idx * classes, classes);
                    correct += pred[j] == truth[j] ? 1 : 0;
                }
            }
            }
        } finally {
            Batches.close(it);
        }
        return new EvalResult(n == 0 ? 0 : 100.0 * correct / n, n == 0 ? 0 : lossSum / n, predictions, confidence, labels,
                probabilities);
    }
}
