package org.peft4j.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * One source of settings (built-in defaults, a user file or the command line) with the line on
 * which each key is set, so that errors can point at it.
 */
final class ConfigLayer {

    private final String name;
    private final Configuration values;
    private final Map<String, Integer> lines;

    private ConfigLayer(String name, Configuration values, Map<String, Integer> lines) {
        this.name = name;
        this.values = values;
        this.lines = lines;
    }

    /**
     * The defaults bundled in the JAR.
     *
     * @param resource class-path resource of a properties file
     * @return the layer
     */
    static ConfigLayer resource(String resource) {
        String name = "built-in defaults " + resource;
        try (InputStream in = ConfigLayer.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new ConfigException(name + " are missing from the class path; the peft-runtime JAR is damaged");
            }
            return properties(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A user's properties file.
     *
     * @param file the file
     * @return the layer
     */
    static ConfigLayer file(Path file) {
        try {
            return properties(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code key=value} settings from the command line; a later setting of a key wins.
     *
     * @param settings the settings
     * @return the layer
     */
    static ConfigLayer commandLine(List<String> settings) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0 || setting.substring(0, eq).isBlank()) {
                throw new ConfigException("command line: setting '" + setting + "' is not of the form key=value");
            }
            map.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
        return new ConfigLayer("command line", new MapConfiguration(map), Map.of());
    }

    private static ConfigLayer properties(String name, String text) {
        PropertiesConfiguration values = new PropertiesConfiguration();
        try {
            new FileHandler(values).load(new StringReader(text));
        } catch (ConfigurationException e) {
            throw new ConfigException(name + ": not a valid properties file: " + e.getMessage(), e);
        }
        return new ConfigLayer(name, values, keyLines(name, text));
    }

    /** The line of each key, rejecting a key set twice (properties would silently keep both). */
    private static Map<String, Integer> keyLines(String name, String text) {
        Map<String, Integer> lines = new HashMap<>();
        boolean continuation = false;
        String[] all = text.split("\r?\n|\r", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].stripLeading();
            boolean isContinuation = continuation;
            continuation = endsWithOddBackslashes(all[i]);
            if (isContinuation || line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String key = key(line);
            Integer earlier = lines.put(key, i + 1);
            if (earlier != null) {
                throw new ConfigException(name + " line " + (i + 1) + ": key '" + key + "' is already set on line "
                        + earlier + "; set each key once");
            }
        }
        return lines;
    }

    private static String key(String line) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                key.append(line.charAt(++i));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    Configuration values() {
        return values;
    }

    /**
     * Where a key is set, for messages.
     *
     * @param key a key of this layer
     * @return e.g. "/home/me/peft.properties line 4" or "command line"
     */
    String where(String key) {
        Integer line = lines.get(key);
        return line == null ? name : name + " line " + line;
    }
}
