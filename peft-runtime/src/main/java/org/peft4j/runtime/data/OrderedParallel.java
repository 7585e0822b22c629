package org.peft4j.runtime.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs an indexed task on a few threads and hands the results to a sink one by one in index
 * order, keeping a bounded window of tasks in flight so that memory stays small.
 */
final class OrderedParallel {

    /** Receives results in index order. */
    @FunctionalInterface
    interface Sink<T> {
        /**
         * @param index the task index
         * @param result its result
         * @throws IOException on failure, which stops the run
         */
        void accept(int index, T result) throws IOException;
    }

    private OrderedParallel() {}

    /**
     * Runs {@code task} for 0..count-1.
     *
     * @param count number of tasks
     * @param threads worker threads, at least 1
     * @param task the work; it must not throw for ordinary bad input but return a result saying so
     * @param sink receives each result in index order, on the calling thread
     * @param <T> result type
     * @throws IOException if the sink fails
     */
    static <T> void run(int count, int threads, IntFunction<T> task, Sink<T> sink) throws IOException {
        if (threads <= 1) {
            for (int i = 0; i < count; i++) {
                sink.accept(i, task.apply(i));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "peft4j-image-decoder");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<T>> window = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < count; done++) {
                while (next < count && window.size() < 4 * threads) {
                    int index = next++;
                    window.add(pool.submit(() -> task.apply(index)));
                }
                sink.accept(done, await(window.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("image decoding failed: " + cause, cause);
        }
    }
}
