package org.peft4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/**
 * Plugins that throw. Their classes are on the test class path, but only the JARs that
 * {@link #jar} writes list them as services, so the registry finds them as plugins.
 */
final class FailingPlugins {

    private FailingPlugins() {}

    /** A method whose {@code attach} throws. */
    public static final class FailingAttach implements PeftMethodProvider {
        @Override
        public String name() {
            return "failing-attach";
        }

        @Override
        public String description() {
            return "throws while attaching";
        }

        @Override
        public String citation() {
            return "peft4j tests";
        }

        @Override
        public HyperparameterSchema schema() {
            return HyperparameterSchema.of();
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            return (PeftHost host) -> {
                throw new IllegalStateException("the adapter weights are not ready");
            };
        }
    }

    /** A provider whose {@code name} fails an assertion: an Error, not an Exception. */
    public static final class AssertingName implements PeftMethodProvider {
        @Override
        public String name() {
            throw new AssertionError("name not decided");
        }

        @Override
        public String description() {
            return "asserts";
        }

        @Override
        public String citation() {
            return "peft4j tests";
        }

        @Override
        public HyperparameterSchema schema() {
            return HyperparameterSchema.of();
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            throw new AssertionError("never created");
        }
    }

    /** A method that runs out of memory while attaching. */
    public static final class OutOfMemoryAttach implements PeftMethodProvider {
        @Override
        public String name() {
            return "oom-attach";
        }

        @Override
        public String description() {
            return "runs out of memory while attaching";
        }

        @Override
        public String citation() {
            return "peft4j tests";
        }

        @Override
        public HyperparameterSchema schema() {
            return HyperparameterSchema.of();
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            return (PeftHost host) -> {
                throw new OutOfMemoryError("Java heap space");
            };
        }
    }

    /** A provider whose {@code schema} throws, so the registry refuses it. */
    public static final class FailingSchema implements PeftMethodProvider {
        @Override
        public String name() {
            return "failing-schema";
        }

        @Override
        public String description() {
            return "throws while describing itself";
        }

        @Override
        public String citation() {
            return "peft4j tests";
        }

        @Override
        public HyperparameterSchema schema() {
            throw new UnsupportedOperationException("schema not written yet");
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Writes a plugin JAR that lists providers as services.
     *
     * @param jar the JAR to write
     * @param providers provider classes (on the test class path)
     * @return the JAR
     */
    static Path jar(Path jar, List<Class<? extends PeftMethodProvider>> providers) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                out.putNextEntry(new JarEntry("META-INF/services/" + PeftMethodProvider.class.getName()));
                for (Class<?> provider : providers) {
                    out.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
