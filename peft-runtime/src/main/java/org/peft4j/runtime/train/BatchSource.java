package org.peft4j.runtime.train;

import ai.djl.Device;
import java.util.Iterator;

/** A labelled split that yields batches for training or evaluation. */
public interface BatchSource {

    /**
     * Number of examples.
     *
     * @return the split's size
     */
    int size();

    /**
     * Number of classes of the task.
     *
     * @return at least 1
     */
    int numClasses();

    /**
     * What the examples are, for a run's fingerprint: equal keys promise equal batches. Sources
     * that cannot promise it return a key that no other source shares.
     *
     * @return a content key
     */
    default String contentKey() {
        return getClass().getName() + "@" + System.identityHashCode(this) + " size " + size();
    }

    /**
     * The batches of one pass over the split. The caller closes each batch.
     *
     * @param batchSize examples per batch
     * @param shuffle whether to permute the examples (seeded)
     * @param seed the permutation's (and any augmentation's) seed
     * @param dropLast whether to drop a last, incomplete batch
     * @param device where to place the tensors
     * @return the batches, in order
     */
    Iterator<Batch> batches(int batchSize, boolean shuffle, long seed, boolean dropLast, Device device);
}
