package org.peft4j.cli;

import org.peft4j.runtime.config.Settings;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --threads}, for the commands that run a model. */
final class DeviceOptions {

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, gpu, gpu:N or auto (default: runtime.device, auto)")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads, 0 for one per core (default: runtime.threads, 0)")
    Integer threads;

    /**
     * Adds the given options to a command's settings.
     *
     * @param overrides the command's settings
     * @return the same overrides
     */
    ConfigOptions.Overrides addTo(ConfigOptions.Overrides overrides) {
        return overrides.set(Settings.DEVICE, device).set(Settings.THREADS, threads);
    }
}
