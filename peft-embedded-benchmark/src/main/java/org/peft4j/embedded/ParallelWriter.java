package org.peft4j.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writes the images of several scene sets on a few threads; the files do not depend on the thread count. */
final class ParallelWriter {

    private static final int CHUNK = 200;

    /**
     * A set and the folder its images go to.
     *
     * @param set the images
     * @param folder the task folder ({@link SceneSet#path(int)} resolves against it)
     */
    record Placement(SceneSet set, Path folder) {}

    private ParallelWriter() {}

    /**
     * Writes every image of every placement.
     *
     * @param placements what to write where
     * @param threads worker threads, at least 1
     * @throws IOException if a file cannot be written
     */
    static void write(List<Placement> placements, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "peft4j-benchmark-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> jobs = new ArrayList<>();
            for (Placement p : placements) {
                for (int from = 0; from < p.set().size(); from += CHUNK) {
                    int start = from;
                    int end = Math.min(p.set().size(), from + CHUNK);
                    jobs.add(pool.submit(() -> {
                        p.set().write(p.folder(), start, end);
                        return null;
                    }));
                }
            }
            for (Future<Void> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("image generation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
