package org.peft4j.cli;

import java.util.List;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import picocli.CommandLine.Option;

/** {@code --threads}, the one definition for every command that computes (see {@link DeviceOptions}). */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "Threads to compute with (intra-op, image decoding), "
            + "0 for the launcher's PEFT_THREADS or else one per core (default: runtime.threads, 0)")
    Integer threads;

    /**
     * Adds the option to a command's settings.
     *
     * @param overrides the command's settings
     * @return the same overrides
     */
    ConfigOptions.Overrides addTo(ConfigOptions.Overrides overrides) {
        return overrides.set(Settings.THREADS, threads);
    }

    /**
     * The threads of a command without settings options: this option over the built-in default.
     *
     * @return the thread count, at least 1
     */
    int count() {
        return count(PeftConfig.load(threads == null ? List.of() : List.of(Settings.THREADS.key() + "=" + threads)));
    }

    /**
     * The configured threads, 0 resolved: the launcher's count ({@code ai.djl.pytorch.num_threads}), else one per core.
     *
     * @param config the configuration
     * @return the thread count, at least 1
     */
    static int count(PeftConfig config) {
        int configured = config.get(Settings.THREADS);
        return configured > 0 ? configured
                : Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }
}
