package org.peft4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.plugins.MethodRegistry;

/** The Guice module hands out the configuration, one registry and the configured device. */
class PeftRuntimeModuleTest {

    @TempDir
    Path dir;

    @Test
    void providesTheConfigurationOneRegistryAndTheDevice() throws Exception {
        Path plugins = dir.resolve("no-plugins-here");
        PeftConfig config = PeftConfig.load(List.of("runtime.device=cpu", "plugins.dir=" + plugins, "model=vit-tiny"));
        Injector injector = Guice.createInjector(new PeftRuntimeModule(config));
        assertSame(config, injector.getInstance(PeftConfig.class));
        assertEquals("vit-tiny", injector.getInstance(PeftConfig.class).get(Settings.MODEL));
        try (MethodRegistry registry = injector.getInstance(MethodRegistry.class)) {
            assertSame(registry, injector.getInstance(MethodRegistry.class));
            assertTrue(registry.problems().isEmpty(), registry.problems().toString());
        }
        assertEquals(Device.cpu(), injector.getInstance(Device.class));
    }
}
