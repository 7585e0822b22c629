package org.peft4j.runtime.train;

import java.util.Iterator;

/** Helpers for batch iterators. */
public final class Batches {

    private Batches() {}

    /**
     * Stops a batch iterator that runs ahead (frees its queued batches), if it can be closed.
     *
     * @param batches the iterator
     */
    public static void close(Iterator<Batch> batches) {
        if (batches instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the batch loader: " + e.getMessage(), e);
            }
        }
    }
}
