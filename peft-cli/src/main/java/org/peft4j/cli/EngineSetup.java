package org.peft4j.cli;

import ai.djl.Device;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.device.EngineBootstrap;

/** Settings that must reach DJL before its engine starts, and the start itself. */
final class EngineSetup {

    private EngineSetup() {}

    /**
     * Fixes the number of intra-op threads, overriding the launcher's default, and one inter-op
     * thread unless set; DJL stays offline unless the launcher explicitly allowed a download
     * (a CUDA libtorch, see docs/gpu.md).
     *
     * @param threads intra-op threads, 0 for one per core
     */
    static void threads(int threads) {
        EngineBootstrap.keepOffline();
        EngineBootstrap.threads(threads);
    }

    /**
     * Starts the engine with the configured threads and resolves the configured device.
     *
     * @param config the configuration
     * @return the device
     * @throws IllegalArgumentException if a GPU is asked for and cannot be used
     * @throws org.peft4j.runtime.device.NativeLibraryException if the engine cannot start
     */
    static Device start(PeftConfig config) {
        threads(config.get(Settings.THREADS));
        return config.get(Settings.DEVICE).resolve();
    }
}
