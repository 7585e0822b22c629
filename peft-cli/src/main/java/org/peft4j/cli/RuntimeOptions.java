package org.peft4j.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.DataLimits;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run trials: configuration file and overrides, device,
 * threads, plugins folder and the stale-claim timeout. Command-line options override {@code -D}
 * settings, which override the configuration file, which overrides the built-in defaults.
 */
final class RuntimeOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings (see peft-defaults.properties)")
    Path configFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "A setting, e.g. -Dtrain.batch_size=32 (repeatable)")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--device", description = "cpu, gpu, gpu:N or auto (default: runtime.device, auto)")
    String device;

    @Option(names = "--threads", description = "Intra-op threads, 0 for one per core (default: runtime.threads)")
    Integer threads;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of method plugin JARs (default: plugins.dir, ./plugins)")
    Path plugins;

    @Option(names = "--stale-after", paramLabel = "SECONDS", defaultValue = "600",
            description = "Take over a trial whose claim has had no heartbeat for this long (default: ${DEFAULT-VALUE})")
    long staleAfterSeconds;

    /**
     * The configuration: defaults, file, -D settings, then the given option settings.
     *
     * @param optionSettings settings from command options, {@code key=value}
     * @return the checked configuration
     */
    PeftConfig config(List<String> optionSettings) {
        List<String> overrides = new ArrayList<>();
        properties.forEach((k, v) -> overrides.add(k + "=" + v));
        if (device != null) {
            overrides.add(Settings.DEVICE.key() + "=" + device);
        }
        if (threads != null) {
            overrides.add(Settings.THREADS.key() + "=" + threads);
        }
        if (plugins != null) {
            overrides.add(Settings.PLUGINS_DIR.key() + "=" + plugins);
        }
        overrides.addAll(optionSettings);
        PeftConfig config = PeftConfig.load(configFile, overrides);
        DataLimits.install(DataLimits.of(config));
        return config;
    }

    /**
     * Intra-op threads of this process.
     *
     * @param config the configuration
     * @return the configured count, or the number of cores for 0
     */
    static int threads(PeftConfig config) {
        int configured = config.get(Settings.THREADS);
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts the engine with the configured threads and resolves the device.
     *
     * @param config the configuration
     * @return the device
     */
    static Device startEngine(PeftConfig config) {
        EngineSetup.threads(threads(config));
        return config.get(Settings.DEVICE).resolve();
    }

    /**
     * The claim manager of this process.
     *
     * @return claims with the stale-claim timeout
     */
    TrialClaims claims() {
        return new TrialClaims(Duration.ofSeconds(staleAfterSeconds));
    }

    /**
     * The options a worker process needs to run like this one.
     *
     * @param config the configuration
     * @param threads the worker's threads
     * @return options for {@code peft trial}
     */
    List<String> workerOptions(PeftConfig config, int threads) {
        List<String> options = new ArrayList<>(List.of("--device", config.get(Settings.DEVICE).text(),
                "--threads", String.valueOf(threads), "--plugins", config.get(Settings.PLUGINS_DIR).toAbsolutePath().normalize().toString(),
                "--stale-after", String.valueOf(staleAfterSeconds)));
        return options;
    }

    /** @return the poll interval when waiting for other processes */
    Duration poll() {
        return Duration.ofMillis(Math.max(200, Math.min(2000, staleAfterSeconds * 100)));
    }
}
