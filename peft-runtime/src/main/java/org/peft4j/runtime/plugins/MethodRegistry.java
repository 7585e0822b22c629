package org.peft4j.runtime.plugins;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.SpiVersion;

/**
 * The PEFT methods available to this process. {@link #discover} finds {@link PeftMethodProvider}s
 * with {@link ServiceLoader} on the application class path and in every {@code *.jar} of a plugins
 * folder, each JAR in its own class loader whose parent is the application's.
 *
 * <p>A plugin built for another SPI major version, a second provider of an existing name (the first
 * found is kept: class path first, then JARs in name order), a provider that throws while being
 * created or described, and a file that is not a JAR are refused with a one-sentence
 * {@linkplain #problems() problem}, which is also logged; every other method keeps working.
 *
 * <p>Close the registry once no method created from a plugin JAR is used any more.
 */
public final class MethodRegistry implements AutoCloseable {

    /** The default plugins folder, relative to the working directory. */
    public static final Path DEFAULT_PLUGINS_FOLDER = Path.of("plugins");

    /** Source of providers found on the application class path. */
    public static final String CLASSPATH = "classpath";

    /** Source of providers handed to {@link #of}. */
    public static final String GIVEN = "given";

    private static final Logger LOG = LogManager.getLogger(MethodRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    private final Map<String, RegisteredMethod> methods = new TreeMap<>();
    private final Map<String, String> refusedByName = new HashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final List<URLClassLoader> loaders = new ArrayList<>();
    private final Map<Path, String> pluginJars = new java.util.LinkedHashMap<>();

    private MethodRegistry() {}

    /**
     * Discovers the methods on the class path and in {@link #DEFAULT_PLUGINS_FOLDER}.
     *
     * @return the registry
     */
    public static MethodRegistry discover() {
        return discover(DEFAULT_PLUGINS_FOLDER);
    }

    /**
     * Discovers the methods on the class path and in a plugins folder.
     *
     * @param pluginsFolder folder whose {@code *.jar} files are plugins; may not exist
     * @return the registry
     */
    public static MethodRegistry discover(Path pluginsFolder) {
        return discover(MethodRegistry.class.getClassLoader(), pluginsFolder);
    }

    /**
     * Discovers the methods visible to a class loader and in a plugins folder.
     *
     * @param application the application class loader, parent of every plugin's loader
     * @param pluginsFolder folder whose {@code *.jar} files are plugins; may not exist
     * @return the registry
     * @throws java.io.UncheckedIOException if the folder exists but cannot be listed
     */
    public static MethodRegistry discover(ClassLoader application, Path pluginsFolder) {
        return build(application, PluginFolder.jars(pluginsFolder));
    }

    /**
     * Discovers the methods visible to a class loader, without a plugins folder.
     *
     * @param application the class loader to search
     * @return the registry
     */
    public static MethodRegistry classpath(ClassLoader application) {
        return build(application, List.of());
    }

    private static MethodRegistry build(ClassLoader application, List<Path> jars) {
        MethodRegistry registry = new MethodRegistry();
        registry.scan(ServiceLoader.load(PeftMethodProvider.class, application), CLASSPATH);
        for (Path jar : jars) {
            registry.addJar(jar, application);
        }
        registry.logProblems();
        return registry;
    }

    /**
     * A registry of the given providers, checked like discovered ones (source {@value #GIVEN}).
     *
     * @param providers the providers
     * @return the registry
     */
    public static MethodRegistry of(PeftMethodProvider... providers) {
        MethodRegistry registry = new MethodRegistry();
        for (PeftMethodProvider p : providers) {
            registry.register(GIVEN, p.getClass().getName(), () -> p);
        }
        registry.logProblems();
        return registry;
    }

    private void addJar(Path jar, ClassLoader application) {
        String notAJar = PluginFolder.notAJar(jar).orElse(null);
        if (notAJar != null) {
            problems.add("Plugin file " + jar + " is not a valid JAR (" + notAJar + "); replace or remove it.");
            return;
        }
        URLClassLoader loader = PluginFolder.loaderFor(jar, application);
        loaders.add(loader);
        String sha256 = org.peft4j.runtime.io.Sha256.ofFile(jar);
        pluginJars.put(jar, sha256);
        LOG.info("loading plugin {} (SHA-256 {}): plugins are code and run with your rights", jar, sha256);
        if (scan(ServiceLoader.load(PeftMethodProvider.class, loader), jar.toString()) == 0) {
            problems.add("Plugin " + jar + " lists no provider in META-INF/services/"
                    + PeftMethodProvider.class.getName() + ", so it adds no method; add that file or remove the JAR.");
        }
    }

    /** Registers every provider a service loader lists; returns how many it listed. */
    private int scan(ServiceLoader<PeftMethodProvider> serviceLoader, String source) {
        int listed = 0;
        Iterator<ServiceLoader.Provider<PeftMethodProvider>> it = serviceLoader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<PeftMethodProvider> candidate;
            try {
                if (!it.hasNext()) {
                    return listed;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError e) {
                listed++;
                problems.add(where(source, true) + " lists a provider that cannot be loaded (" + describe(e)
                        + "); fix or remove the plugin.");
                continue;
            }
            listed++;
            register(source, candidate.type().getName(), candidate::get);
        }
    }

    private void register(String source, String className, Supplier<PeftMethodProvider> factory) {
        PeftMethodProvider provider;
        try {
            provider = factory.get();
        } catch (RuntimeException | Error e) { // a plugin is skipped whatever it throws, AssertionError included
            problems.add(where(source, true) + ": provider " + className + " could not be created (" + describe(e)
                    + "); fix or remove the plugin.");
            return;
        }
        String step = "name()";
        String name = null;
        String spi;
        String version;
        try {
            name = provider.name();
            step = "spiVersion()";
            spi = provider.spiVersion();
            step = "version()";
            version = provider.version();
            step = "schema()";
            provider.schema();
        } catch (RuntimeException | Error e) { // whatever a plugin throws, AssertionError included
            String problem = where(source, true) + ": provider " + className + " fails in " + step + " ("
                    + describe(e) + "); fix or remove the plugin.";
            if (name == null) {
                problems.add(problem);
            } else {
                refuse(name, problem);
            }
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(where(source, true) + ": provider " + className + " names its method '" + name
                    + "', but names must be lower-case letters, digits, '-' and '_'; rename it.");
            return;
        }
        String what = where(source, true) + " provides method '" + name + "' version " + version;
        if (!isCompatible(spi)) {
            refuse(name, what + " built for SPI " + spi + ", but this runtime implements SPI " + SpiVersion.CURRENT
                    + "; rebuild it against peft-api " + SpiVersion.MAJOR + ".x or remove it.");
            return;
        }
        RegisteredMethod first = methods.get(name);
        if (first != null) {
            problems.add(what + ", but " + where(first.source(), false) + " already provides '" + name + "' version "
                    + first.version() + "; the first one is kept, remove one of them.");
            return;
        }
        methods.put(name, new RegisteredMethod(name, version, spi, source, provider));
    }

    /** Where a provider came from, as the subject of a sentence. */
    private static String where(String source, boolean sentenceStart) {
        String where = switch (source) {
            case CLASSPATH -> "the class path";
            case GIVEN -> "a given provider";
            default -> "plugin " + source;
        };
        return sentenceStart ? Character.toUpperCase(where.charAt(0)) + where.substring(1) : where;
    }

    private static boolean isCompatible(String spiVersion) {
        try {
            return SpiVersion.majorOf(spiVersion) == SpiVersion.MAJOR;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Records a problem that makes a method of this name unavailable. */
    private void refuse(String name, String problem) {
        problems.add(problem);
        refusedByName.putIfAbsent(name, problem);
    }

    /** The innermost cause of an error, as "Type: message". */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * The plugin JARs this registry loaded, with the SHA-256 of each (also logged when loading).
     *
     * @return JAR path to SHA-256, in loading order
     */
    public Map<Path, String> pluginJars() {
        return java.util.Collections.unmodifiableMap(pluginJars);
    }

    private void logProblems() {
        problems.forEach(LOG::warn);
    }

    /**
     * The accepted methods.
     *
     * @return methods in name order
     */
    public List<RegisteredMethod> methods() {
        return List.copyOf(methods.values());
    }

    /**
     * The names of the accepted methods.
     *
     * @return names in order
     */
    public Set<String> names() {
        return Set.copyOf(methods.keySet());
    }

    /**
     * Why plugins or providers were refused, one sentence each, naming the plugin, the method and
     * the versions involved.
     *
     * @return problems in the order found; empty if everything was accepted
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Looks a method up by name.
     *
     * @param name the method's name
     * @return the method
     * @throws IllegalArgumentException listing the known names, or saying why a plugin of that
     *     name was refused
     */
    public RegisteredMethod method(String name) {
        RegisteredMethod method = methods.get(name);
        if (method != null) {
            return method;
        }
        String refused = refusedByName.get(name);
        if (refused != null) {
            throw new IllegalArgumentException("method '" + name + "' is not available: " + refused);
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known methods: "
                + (methods.isEmpty() ? "none" : String.join(", ", methods.keySet()))
                + "; a plugin's JAR belongs in the plugins folder");
    }

    /**
     * Creates a method from hyperparameters written as text; missing ones take their defaults.
     *
     * @param name the method's name
     * @param hyperparameters values by key
     * @return the configured instance
     * @throws IllegalArgumentException for an unknown method or an invalid hyperparameter (naming
     *     the key)
     */
    public MethodInstance create(String name, Map<String, String> hyperparameters) {
        return method(name).create(hyperparameters);
    }

    /**
     * Creates a method from typed hyperparameters, such as a point of its default grid.
     *
     * @param name the method's name
     * @param hyperparameters typed values
     * @return the configured instance
     * @throws IllegalArgumentException for an unknown method or a key the method does not accept
     */
    public MethodInstance create(String name, Hyperparameters hyperparameters) {
        return method(name).create(hyperparameters);
    }

    /** Closes the class loaders of the plugin JARs. */
    @Override
    public void close() {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.warn("cannot close the class loader of {}: {}", loader.getName(), e.getMessage());
            }
        }
        loaders.clear();
    }
}
