package org.peft4j.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.device.DeviceSpec;

/** Layering (defaults < user file < command line) and the errors for unknown keys and ill-typed values. */
class PeftConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultsAreTheStudysRecipe() {
        PeftConfig config = PeftConfig.load(List.of());
        assertEquals("vit-b16", config.get(Settings.MODEL));
        assertEquals(Optional.empty(), config.get(Settings.CHECKPOINT));
        assertEquals(100, config.get(Settings.EPOCHS));
        assertEquals(64, config.get(Settings.BATCH_SIZE));
        assertEquals(10, config.get(Settings.WARMUP_EPOCHS));
        assertEquals(1e-6, config.get(Settings.WARMUP_LR));
        assertEquals(1e-5, config.get(Settings.MIN_LR));
        assertEquals(List.of(1e-3, 1e-2), config.get(Settings.LR_GRID));
        assertEquals(List.of(1e-4, 1e-3), config.get(Settings.WD_GRID));
        assertEquals(0.1, config.get(Settings.DROP_PATH));
        assertEquals(42L, config.get(Settings.SEED));
        assertEquals(false, config.get(Settings.REFERENCE_COMPAT));
        assertEquals(DeviceSpec.Kind.AUTO, config.get(Settings.DEVICE).kind());
        assertEquals(Path.of("plugins"), config.get(Settings.PLUGINS_DIR), "no installation: as a library, relative");
        assertTrue(config.source(Settings.EPOCHS).startsWith("built-in defaults peft-defaults.properties line "),
                config.source(Settings.EPOCHS));
        assertTrue(config.isBuiltInDefault(Settings.EPOCHS));
        assertEquals(false, PeftConfig.load(List.of("train.epochs=100")).isBuiltInDefault(Settings.EPOCHS),
                "set on the command line, even to the default value");
        assertEquals(Settings.all().keySet(), config.texts().keySet(), "every declared key has a default");
    }

    @Test
    void theCommandLineOverridesTheUserFileWhichOverridesTheDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("peft.properties"), """
                # my settings
                train.epochs = 50
                train.seed = 1
                runtime.device = cpu
                """);
        PeftConfig config = PeftConfig.load(file, List.of("train.epochs=7", "model=vit-s224"));
        assertEquals(7, config.get(Settings.EPOCHS));
        assertEquals("command line", config.source(Settings.EPOCHS));
        assertEquals(1L, config.get(Settings.SEED));
        assertEquals(file + " line 3", config.source(Settings.SEED));
        assertEquals(DeviceSpec.Kind.CPU, config.get(Settings.DEVICE).kind());
        assertEquals(64, config.get(Settings.BATCH_SIZE));
        assertEquals("vit-s16", config.get(Settings.MODEL), "the alias is resolved");
    }

    @Test
    void valuesMayReferToOtherKeys() {
        PeftConfig config = PeftConfig.load(List.of("data.root=/srv/vtab", "results.dir=${data.root}/results"));
        assertEquals(Path.of("/srv/vtab/results"), config.get(Settings.RESULTS_DIR));
    }

    @Test
    void anUnknownKeyInAFileNamesTheLineAndTheClosestKey() throws IOException {
        Path file = Files.writeString(dir.resolve("typo.properties"), "train.seed = 3\n\ntrain.epoch = 20\n");
        ConfigException e = assertThrows(ConfigException.class, () -> PeftConfig.load(file, List.of()));
        assertEquals(file + " line 3: unknown key 'train.epoch'; did you mean 'train.epochs'?", e.getMessage());
    }

    @Test
    void anUnknownKeyOnTheCommandLineIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> PeftConfig.load(List.of("epochs=3")));
        assertEquals("command line: unknown key 'epochs'; did you mean 'train.epochs'?", e.getMessage());
        e = assertThrows(ConfigException.class, () -> PeftConfig.load(List.of("colour=blue")));
        assertTrue(e.getMessage().startsWith("command line: unknown key 'colour'; known keys are [checkpoint, data.max_classes, data.max_pixels, data.root,"),
                e.getMessage());
    }

    @Test
    void anIllTypedValueInAFileNamesKeyLineAndExpectation() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), "train.seed = 3\ntrain.batch_size = sixty-four\n");
        ConfigException e = assertThrows(ConfigException.class, () -> PeftConfig.load(file, List.of()));
        assertEquals(file + " line 2: train.batch_size = 'sixty-four' is not valid: expected a positive integer",
                e.getMessage());
    }

    @Test
    void illTypedValuesOnTheCommandLineAreNamed() {
        assertInvalid("runtime.device=tpu", "runtime.device = 'tpu' is not valid: expected cpu, gpu, gpu:N (N = 0, 1, ...) or auto");
        assertInvalid("train.drop_path=1.5", "train.drop_path = '1.5' is not valid: expected a number in [0, 1)");
        assertInvalid("train.reference_compat=yes", "train.reference_compat = 'yes' is not valid: expected true or false");
        assertInvalid("train.lr_grid=1e-3,,1e-2", "train.lr_grid = '1e-3,,1e-2' is not valid: expected a comma-separated list of numbers > 0");
        assertInvalid("train.epochs=0", "train.epochs = '0' is not valid: expected a positive integer");
        assertInvalid("model=vit-h14", "model = 'vit-h14' is not valid: expected one of [vit-micro, vit-tiny, vit-s16, vit-b16, vit-l16, "
                + "vit-b32, vit-b16-384, dinov2-s14, dinov2-b14, dinov2-l14, dinov2-b14-reg4, clip-b16, clip-l14, mae-b16, "
                + "dinov2-micro, clip-micro]");
    }

    @Test
    void malformedInputIsRejected() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> PeftConfig.load(List.of("train.epochs")));
        assertEquals("command line: setting 'train.epochs' is not of the form key=value", e.getMessage());
        Path twice = Files.writeString(dir.resolve("twice.properties"), "train.seed=1\ntrain.epochs=2\ntrain.seed=3\n");
        e = assertThrows(ConfigException.class, () -> PeftConfig.load(twice, List.of()));
        assertEquals(twice + " line 3: key 'train.seed' is already set on line 1; set each key once", e.getMessage());
        Path absent = dir.resolve("absent.properties");
        e = assertThrows(ConfigException.class, () -> PeftConfig.load(absent, List.of()));
        assertEquals("configuration file " + absent + " does not exist", e.getMessage());
    }

    private static void assertInvalid(String setting, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> PeftConfig.load(List.of(setting)));
        assertEquals("command line: " + expected, e.getMessage());
    }

    @Test
    void thePluginsFolderBelongsToTheInstallationNotToTheWorkingDirectory() {
        String before = System.getProperty(SettingType.HOME_PROPERTY);
        try {
            System.setProperty(SettingType.HOME_PROPERTY, "/opt/peft4j-0.1.0");
            assertEquals(Path.of("/opt/peft4j-0.1.0/plugins"), PeftConfig.load(List.of()).get(Settings.PLUGINS_DIR),
                    "running peft in a folder someone else prepared does not load ./plugins from there");
            assertEquals(Path.of("/srv/mine"), PeftConfig.load(List.of("plugins.dir=/srv/mine")).get(Settings.PLUGINS_DIR));
        } finally {
            if (before == null) {
                System.clearProperty(SettingType.HOME_PROPERTY);
            } else {
                System.setProperty(SettingType.HOME_PROPERTY, before);
            }
        }
    }
}
