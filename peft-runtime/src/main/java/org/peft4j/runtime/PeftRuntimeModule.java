package org.peft4j.runtime;

import ai.djl.Device;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.device.EngineBootstrap;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * Guice bindings for using peft4j as a library: the effective {@link PeftConfig}, the
 * {@link MethodRegistry} of the built-in methods and the plugins folder it names, and the
 * {@link Device} it asks for (starting the engine with its thread count). Everything is a
 * singleton; close the registry when done.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new PeftRuntimeModule(PeftConfig.load(List.of("runtime.device=cpu"))));
 * MethodRegistry methods = injector.getInstance(MethodRegistry.class);
 * }</pre>
 */
public final class PeftRuntimeModule extends AbstractModule {

    private final PeftConfig config;

    /**
     * Binds a configuration.
     *
     * @param config the settings to run with
     */
    public PeftRuntimeModule(PeftConfig config) {
        this.config = config;
    }

    /**
     * Binds the built-in defaults.
     *
     * @return the module
     */
    public static PeftRuntimeModule defaults() {
        return new PeftRuntimeModule(PeftConfig.load(List.of()));
    }

    @Provides
    PeftConfig config() {
        return config;
    }

    @Provides
    @Singleton
    MethodRegistry methods(PeftConfig settings) {
        return MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR));
    }

    @Provides
    @Singleton
    Device device(PeftConfig settings) {
        EngineBootstrap.threads(settings.get(Settings.THREADS));
        return settings.get(Settings.DEVICE).resolve();
    }
}
