package org.peft4j.cli;

import org.peft4j.runtime.config.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --threads}, for the commands that run a model on a chosen device. */
final class DeviceOptions {

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, gpu, gpu:N or auto (default: runtime.device, auto)")
    String device;

    @Mixin
    ThreadsOption threads;

    /**
     * Adds the given options to a command's settings.
     *
     * @param overrides the command's settings
     * @return the same overrides
     */
    ConfigOptions.Overrides addTo(ConfigOptions.Overrides overrides) {
        return threads.addTo(overrides.set(Settings.DEVICE, device));
    }
}
