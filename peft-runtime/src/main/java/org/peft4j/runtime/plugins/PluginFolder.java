package org.peft4j.runtime.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The plugin JARs of one folder: lists them, checks that they are JARs, gives each a class loader. */
final class PluginFolder {

    private static final String SERVICES = "META-INF/services/";

    private PluginFolder() {}

    /**
     * The {@code *.jar} files of a folder as absolute paths in name order; none if the folder does
     * not exist.
     *
     * @throws UncheckedIOException if the folder exists but cannot be listed
     */
    static List<Path> jars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.toAbsolutePath().normalize())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Why a file is not a readable JAR, or empty if it is one. */
    static Optional<String> notAJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.size() == 0 ? Optional.of("it has no entries") : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A class loader for one JAR. Classes resolve parent-first as usual, but service files are
     * looked up in the JAR only, so that the JAR's loader does not report the application's
     * providers again.
     */
    static URLClassLoader loaderFor(Path jar, ClassLoader parent) {
        try {
            return new PluginClassLoader(jar, parent);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("plugin path " + jar + " cannot be turned into a URL", e);
        }
    }

    /** A loader whose service files come from its own JAR only. */
    private static final class PluginClassLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        PluginClassLoader(Path jar, ClassLoader parent) throws MalformedURLException {
            super("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
        }
    }
}
