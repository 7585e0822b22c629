package org.peft4j.runtime.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.SpiVersion;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Discovery of real plugin JARs compiled at test time, good and broken ones side by side. */
class MethodRegistryTest {

    @TempDir
    static Path work;

    private static Path plugins;
    private static MethodRegistry registry;

    @BeforeAll
    static void buildPlugins() throws Exception {
        Path classes = TestPlugins.compile(work, List.of(
                TestPlugins.gain("test.gain", "gain"),
                TestPlugins.gain("test.copy", "return \"gain\";", SpiVersion.CURRENT, "2.0", ""),
                TestPlugins.gain("test.future", "return \"future-gain\";", "3.0", "3.1", ""),
                TestPlugins.gain("test.broken", "return \"broken\";", SpiVersion.CURRENT, "1.0",
                        "throw new IllegalStateException(\"the plugin cannot start\");"),
                TestPlugins.gain("test.nameless", "throw new UnsupportedOperationException(\"no name yet\");",
                        SpiVersion.CURRENT, "1.0", "")));
        plugins = Files.createDirectories(work.resolve("plugins"));
        TestPlugins.jar(plugins.resolve("a-gain.jar"), classes, "test.gain", "test.gain.GainProvider");
        TestPlugins.jar(plugins.resolve("b-gain-copy.jar"), classes, "test.copy", "test.copy.GainProvider");
        TestPlugins.jar(plugins.resolve("c-future.jar"), classes, "test.future", "test.future.GainProvider");
        TestPlugins.jar(plugins.resolve("d-broken.jar"), classes, "test.broken", "test.broken.GainProvider");
        Files.write(plugins.resolve("e-corrupt.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        TestPlugins.jar(plugins.resolve("f-nameless.jar"), classes, "test.nameless", "test.nameless.GainProvider");
        TestPlugins.jar(plugins.resolve("g-missing.jar"), null, "test.missing", "test.missing.GainProvider");
        TestPlugins.jar(plugins.resolve("h-no-services.jar"), classes, "test.gain");
        Files.writeString(plugins.resolve("README.txt"), "not a plugin, ignored");
        registry = MethodRegistry.discover(plugins);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static String problemAbout(String jar) {
        List<String> matching = registry.problems().stream().filter(p -> p.contains(plugins.resolve(jar).toString())).toList();
        assertEquals(1, matching.size(), "one problem about " + jar + " expected in " + registry.problems());
        return matching.get(0);
    }

    @Test
    void goodPluginIsDiscoveredWithItsJarAsSource() {
        RegisteredMethod gain = registry.method("gain");
        assertEquals(plugins.resolve("a-gain.jar").toString(), gain.source());
        assertEquals("1.0", gain.version());
        assertEquals(SpiVersion.CURRENT, gain.spiVersion());
        ClassLoader loader = gain.provider().getClass().getClassLoader();
        assertTrue(loader instanceof URLClassLoader && loader != MethodRegistry.class.getClassLoader());
        assertEquals(Set.of("gain"), registry.names());
        assertEquals(org.peft4j.runtime.io.Sha256.ofFile(plugins.resolve("a-gain.jar")),
                registry.pluginJars().get(plugins.resolve("a-gain.jar")), "every loaded JAR is known by its SHA-256");
    }

    @Test
    void everyBrokenPluginGivesExactlyOneProblem() {
        assertEquals(7, registry.problems().size(), String.join("\n", registry.problems()));
    }

    @Test
    void goodPluginCreatesAMethodThatTrains() {
        MethodInstance instance = registry.create("gain", Map.of("init", "0.5"));
        assertEquals("gain", instance.name());
        assertEquals(0.5, instance.hyperparameters().getDouble("init"));
        Engine.getInstance().setRandomSeed(3);
        try (VisionTransformer vit = VisionTransformer.create(new VitConfig("small", 16, 4, 32, 2, 2, 2, 3, 0f), Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            PeftModel model = PeftModel.attach(vit, instance.method(), false);
            assertEquals(List.of("gain.weight"), model.addedParameters());
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray images = manager.randomNormal(new Shape(2, 3, 16, 16));
                TrainStep.forwardBackward(vit, images, manager.create(new long[] {0, 2}), 1f);
                adamw.step(1e-2f, 0f);
            }
            float[] gain = vit.parameters().get("gain.weight").array().toFloatArray();
            for (float g : gain) {
                assertNotEquals(0.5f, g, "every gain moves away from its initial value after one step");
            }
        }
    }

    @Test
    void pluginForAnotherSpiMajorIsRefusedNamingJarMethodAndVersions() {
        String problem = problemAbout("c-future.jar");
        assertTrue(problem.contains("'future-gain' version 3.1"), problem);
        assertTrue(problem.contains("SPI 3.0") && problem.contains("SPI " + SpiVersion.CURRENT), problem);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.method("future-gain"));
        assertTrue(e.getMessage().contains("not available") && e.getMessage().contains("SPI 3.0"), e.getMessage());
    }

    @Test
    void duplicateNameKeepsTheFirstAndNamesBothJars() {
        String problem = problemAbout("b-gain-copy.jar");
        assertTrue(problem.contains(plugins.resolve("a-gain.jar").toString()), problem);
        assertTrue(problem.contains("'gain' version 2.0") && problem.contains("version 1.0"), problem);
        assertEquals("1.0", registry.method("gain").version());
    }

    @Test
    void throwingConstructorIsReported() {
        String problem = problemAbout("d-broken.jar");
        assertTrue(problem.contains("test.broken.GainProvider"), problem);
        assertTrue(problem.contains("IllegalStateException: the plugin cannot start"), problem);
    }

    @Test
    void corruptJarIsReported() {
        assertTrue(problemAbout("e-corrupt.jar").contains("is not a valid JAR"));
    }

    @Test
    void providerWhoseNameThrowsIsReported() {
        String problem = problemAbout("f-nameless.jar");
        assertTrue(problem.contains("fails in name()") && problem.contains("no name yet"), problem);
    }

    @Test
    void serviceEntryForAMissingClassIsReported() {
        assertTrue(problemAbout("g-missing.jar").contains("test.missing.GainProvider"));
    }

    @Test
    void jarWithoutServiceFileIsReported() {
        assertTrue(problemAbout("h-no-services.jar").contains("lists no provider in " + TestPlugins.SERVICE_FILE));
    }

    @Test
    void unknownMethodListsTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.create("lora", Map.of()));
        assertEquals("unknown method 'lora'; known methods: gain; a plugin's JAR belongs in the plugins folder",
                e.getMessage());
    }

    @Test
    void invalidHyperparametersNameTheKey() {
        InvalidHyperparameterException range = assertThrows(InvalidHyperparameterException.class,
                () -> registry.create("gain", Map.of("init", "11")));
        assertEquals("init", range.key());
        InvalidHyperparameterException unknown = assertThrows(InvalidHyperparameterException.class,
                () -> registry.create("gain", Map.of("rank", "8")));
        assertTrue(unknown.getMessage().contains("'rank'"), unknown.getMessage());
    }

    @Test
    void typedHyperparametersFromTheGridCreateTheMethod() {
        var grid = registry.method("gain").provider().schema().defaultGrid();
        assertEquals(2, grid.size());
        assertEquals(0.5, registry.create("gain", grid.get(0)).hyperparameters().getDouble("init"));
    }

    @Test
    void classPathProvidersComeFirst() throws Exception {
        Path copyOnly = Files.createDirectories(work.resolve("copy-only"));
        Files.copy(plugins.resolve("b-gain-copy.jar"), copyOnly.resolve("b-gain-copy.jar"));
        URL gainJar = plugins.resolve("a-gain.jar").toUri().toURL();
        try (URLClassLoader application = new URLClassLoader(new URL[] {gainJar}, getClass().getClassLoader());
                MethodRegistry fromClassPath = MethodRegistry.discover(application, copyOnly)) {
            assertEquals(MethodRegistry.CLASSPATH, fromClassPath.method("gain").source());
            assertEquals(1, fromClassPath.problems().size());
            assertTrue(fromClassPath.problems().get(0).contains("already provides 'gain'"));
        }
    }

    @Test
    void missingPluginsFolderMeansNoPluginsAndNoProblems() {
        try (MethodRegistry none = MethodRegistry.discover(work.resolve("no-such-folder"))) {
            assertTrue(none.methods().isEmpty());
            assertTrue(none.problems().isEmpty());
        }
    }

    @Test
    void givenProvidersAreCheckedLikeDiscoveredOnes() {
        var gain = registry.method("gain").provider();
        try (MethodRegistry given = MethodRegistry.of(gain, gain)) {
            assertEquals(MethodRegistry.GIVEN, given.method("gain").source());
            assertEquals(List.of("A given provider provides method 'gain' version 1.0, but a given provider already provides 'gain'"
                    + " version 1.0; the first one is kept, remove one of them."), given.problems());
        }
    }
}
