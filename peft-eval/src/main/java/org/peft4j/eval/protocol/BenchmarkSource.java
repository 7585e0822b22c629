package org.peft4j.eval.protocol;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where {@code peft compare} finds its benchmark when no {@code --data} is given: an embedded
 * benchmark (generated tasks and a shipped backbone) registers an implementation in
 * {@code META-INF/services/org.peft4j.eval.protocol.BenchmarkSource}.
 */
public interface BenchmarkSource {

    /**
     * The benchmark, prepared if needed (e.g. generated or unpacked on first use).
     *
     * @return the benchmark, or empty when this source cannot provide one here
     */
    Optional<Benchmark> benchmark();

    /**
     * The first benchmark that a registered source provides.
     *
     * @return the benchmark, or empty when no source is registered or none can provide one
     */
    static Optional<Benchmark> discover() {
        for (BenchmarkSource source : ServiceLoader.load(BenchmarkSource.class)) {
            Optional<Benchmark> benchmark = source.benchmark();
            if (benchmark.isPresent()) {
                return benchmark;
            }
        }
        return Optional.empty();
    }
}
