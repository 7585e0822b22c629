package org.peft4j.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;

/**
 * The effective, type-checked settings of a run, layered from lowest to highest precedence:
 * the built-in {@code peft-defaults.properties}, an optional user properties file, and
 * {@code key=value} settings from the command line. Values may refer to others with Apache
 * Commons Configuration's {@code ${key}}, {@code ${env:NAME}} and {@code ${sys:name}}.
 */
public final class PeftConfig {

    /** The class-path resource with the defaults. */
    public static final String DEFAULTS = "peft-defaults.properties";

    private final Map<String, Object> values;
    private final SortedMap<String, String> texts;
    private final Map<String, String> sources;
    private final Set<String> builtIn;

    private PeftConfig(Map<String, Object> values, SortedMap<String, String> texts, Map<String, String> sources,
            Set<String> builtIn) {
        this.values = values;
        this.texts = texts;
        this.sources = sources;
        this.builtIn = builtIn;
    }

    /**
     * Loads the defaults and command-line settings.
     *
     * @param overrides {@code key=value} settings
     * @return the checked configuration
     * @throws ConfigException naming the source of an unknown key or an ill-typed value
     */
    public static PeftConfig load(List<String> overrides) {
        return load(null, overrides);
    }

    /**
     * Loads the defaults, a user file and command-line settings.
     *
     * @param userFile a properties file, or null for none
     * @param overrides {@code key=value} settings
     * @return the checked configuration
     * @throws ConfigException naming the source (file and line, or "command line") of an unknown
     *     key, with the closest known key, or of a value that is not of the key's type
     */
    public static PeftConfig load(Path userFile, List<String> overrides) {
        List<ConfigLayer> layers = new ArrayList<>();
        layers.add(ConfigLayer.commandLine(overrides));
        if (userFile != null) {
            layers.add(ConfigLayer.file(userFile));
        }
        ConfigLayer defaults = ConfigLayer.resource(DEFAULTS);
        layers.add(defaults);
        for (ConfigLayer layer : layers) {
            rejectUnknownKeys(layer);
        }
        CompositeConfiguration effective = new CompositeConfiguration(layers.stream().map(ConfigLayer::values).toList());
        Map<String, Object> values = new LinkedHashMap<>();
        SortedMap<String, String> texts = new TreeMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Set<String> builtIn = new HashSet<>();
        for (Setting<?> setting : Settings.all().values()) {
            String key = setting.key();
            ConfigLayer source = layers.stream().filter(l -> l.values().containsKey(key)).findFirst()
                    .orElseThrow(() -> new ConfigException("no value for '" + key + "' in " + DEFAULTS
                            + "; the peft-runtime JAR is damaged"));
            String text = effective.getString(key, "");
            try {
                values.put(key, setting.type().parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source.where(key) + ": " + key + " = '" + text + "' is not valid: expected "
                        + setting.type().expected(), e);
            }
            texts.put(key, text);
            sources.put(key, source.where(key));
            if (source == defaults) {
                builtIn.add(key);
            }
        }
        return new PeftConfig(values, Collections.unmodifiableSortedMap(texts), sources, Set.copyOf(builtIn));
    }

    private static void rejectUnknownKeys(ConfigLayer layer) {
        Configuration values = layer.values();
        for (Iterator<String> keys = values.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Settings.all().containsKey(key)) {
                throw new ConfigException(layer.where(key) + ": unknown key '" + key + "'"
                        + Settings.suggest(key).map(k -> "; did you mean '" + k + "'?").orElse("; known keys are "
                        + new TreeMap<>(Settings.all()).keySet()));
            }
        }
    }

    /**
     * A typed value.
     *
     * @param setting a declared setting
     * @param <T> its type
     * @return the effective value
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.key());
    }

    /**
     * Where a setting's effective value comes from.
     *
     * @param setting a declared setting
     * @return e.g. "command line" or "built-in defaults peft-defaults.properties line 12"
     */
    public String source(Setting<?> setting) {
        return sources.get(setting.key());
    }

    /**
     * Whether a setting keeps its built-in default (neither the user file nor the command line set it).
     *
     * @param setting a declared setting
     * @return true when the value comes from {@value #DEFAULTS}
     */
    public boolean isBuiltInDefault(Setting<?> setting) {
        return builtIn.contains(setting.key());
    }

    /**
     * The effective values as text (after interpolation), to record with results.
     *
     * @return values by key, sorted
     */
    public SortedMap<String, String> texts() {
        return texts;
    }
}
