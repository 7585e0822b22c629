package org.peft4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Setting;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.DataLimits;
import picocli.CommandLine.Option;

/**
 * The settings options of the commands that read {@link PeftConfig}: a properties file,
 * {@code -Dkey=value} settings and the plugins folder. Precedence, highest first: the command's
 * own options, {@code -D}, the file, the built-in defaults.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings, e.g. train.epochs = 50 (keys: see docs/cli.md)")
    Path configFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "A setting, e.g. -Dtrain.seed=1 (repeatable)")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Folder of method plugin JARs, relative to the working directory (default: plugins.dir, the installation's plugins folder)")
    Path plugins;

    /**
     * The effective configuration.
     *
     * @param options settings given through the command's own options; unset ones are skipped
     * @return the checked configuration
     * @throws org.peft4j.runtime.config.ConfigException naming the source of a bad key or value
     */
    PeftConfig load(Overrides options) {
        List<String> overrides = new ArrayList<>();
        properties.forEach((key, value) -> overrides.add(key + "=" + value));
        // --plugins is relative to where the user runs peft; plugins.dir (a setting) to the installation
        options.set(Settings.PLUGINS_DIR, plugins == null ? null : plugins.toAbsolutePath());
        overrides.addAll(options.settings);
        PeftConfig config = PeftConfig.load(configFile, overrides);
        DataLimits.install(DataLimits.of(config));
        return config;
    }

    /** Settings given through a command's options, as {@code key=value}; null values are skipped. */
    static final class Overrides {

        private final List<String> settings = new ArrayList<>();

        /**
         * Adds a setting if the option was given.
         *
         * @param setting the setting
         * @param value the option's value, or null if it was not given
         * @return this
         */
        Overrides set(Setting<?> setting, Object value) {
            if (value != null) {
                settings.add(setting.key() + "=" + value);
            }
            return this;
        }
    }
}
