package org.peft4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.eval.protocol.run.BuildGuard;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import picocli.CommandLine.Option;

/** {@code --stale-after} and {@code --allow-mixed-builds}, for the commands that claim trials of a store, and the options of their workers. */
final class ClaimOptions {

    @Option(names = "--stale-after", paramLabel = "SECONDS", defaultValue = "600",
            description = "Take over a trial whose claim has had no heartbeat for this long (default: ${DEFAULT-VALUE})")
    long staleAfterSeconds;

    @Option(names = BuildGuard.OPTION, description = "Run trials even when the store holds results of another "
            + "peft4j build (version, commit or uncommitted changes); the report then names every build")
    boolean allowMixedBuilds;

    /** @return claims with the stale-claim timeout */
    TrialClaims claims() {
        return new TrialClaims(Duration.ofSeconds(staleAfterSeconds));
    }

    /** @return the poll interval when waiting for other processes */
    Duration poll() {
        return Duration.ofMillis(Math.max(200, Math.min(2000, staleAfterSeconds * 100)));
    }

    /**
     * The options a worker process ({@code peft trial}) needs to run like this one.
     *
     * @param config the configuration
     * @param threads the worker's threads
     * @return device, threads, plugins, stale-claim and mixed-build options
     */
    List<String> workerOptions(PeftConfig config, int threads) {
        List<String> options = new ArrayList<>(List.of("--device", config.get(Settings.DEVICE).text(), "--threads",
                String.valueOf(threads), "--plugins",
                config.get(Settings.PLUGINS_DIR).toAbsolutePath().normalize().toString(),
                "--stale-after", String.valueOf(staleAfterSeconds)));
        if (allowMixedBuilds) {
            options.add(BuildGuard.OPTION);
        }
        return List.copyOf(options);
    }
}
