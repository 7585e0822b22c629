package org.peft4j.runtime.data;

import org.peft4j.runtime.train.Batch;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The batches of one epoch, built by a background thread that runs at most {@code prefetch}
 * batches ahead: it blocks while the bounded queue is full, so at most {@code prefetch + 1}
 * batches not yet taken exist at once (the queued ones and the one being built). Each batch owns
 * its arrays and the consumer closes it; closing the stream stops the thread and frees what it
 * prepared. An error while building a batch is rethrown by {@link #hasNext()}/{@link #next()}.
 * Take batches and close the stream from one thread.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {

    private static final Object END = new Object();
    private static final long POLL_MS = 20;

    private record Failure(Throwable error) {}

    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private final AtomicInteger built = new AtomicInteger();
    private volatile boolean closed;
    private Object head;

    BatchStream(List<int[]> batches, Function<int[], Batch> build, int prefetch) {
        this.queue = new ArrayBlockingQueue<>(prefetch);
        this.producer = new Thread(() -> produce(batches, build), "peft4j-batch-loader");
        producer.setDaemon(true);
        producer.start();
    }

    /** @return batches built so far by the background thread, taken or not */
    public int built() {
        return built.get();
    }

    /** @return whether another batch follows; waits for it */
    @Override
    public boolean hasNext() {
        if (head == null) {
            if (closed) {
                return false;
            }
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
        }
        if (head instanceof Failure f) {
            head = END;
            throw new IllegalStateException("building a batch failed: " + f.error().getMessage(), f.error());
        }
        return head != END;
    }

    /** @return the next batch, which the caller closes */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch has no more batches");
        }
        Batch batch = (Batch) head;
        head = null;
        return batch;
    }

    /** Stops the background thread and frees the batches it prepared that were not taken. */
    @Override
    public void close() {
        closed = true;
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (head instanceof Batch b) {
            b.close();
        }
        head = END;
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof Batch b) {
                b.close();
            }
        }
    }

    private void produce(List<int[]> batches, Function<int[], Batch> build) {
        try {
            for (int[] indices : batches) {
                if (closed) {
                    return;
                }
                Batch batch = build.apply(indices);
                built.incrementAndGet();
                if (!offer(batch)) {
                    batch.close();
                    return;
                }
            }
            offer(END);
        } catch (RuntimeException | Error e) {
            offer(new Failure(e));
        }
    }

    /** Waits for room in the queue; false if the stream was closed meanwhile. */
    private boolean offer(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
