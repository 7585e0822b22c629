package org.peft4j.eval.protocol;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.Site;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * Methods defined for the protocol tests (for the command line, as a plugin JAR written by
 * {@link #pluginFolder}, so that other tests' class-path discovery does not see them):
 * {@code probe} trains the head only; {@code bias} trains biases, and LayerNorm weights too when
 * {@code norms=true} (a two-point grid with different sizes); {@code nan} makes the final norm
 * output NaN, so training diverges; {@code broken} throws in attach.
 */
public final class TestMethods {

    private TestMethods() {}

    /** @return a registry of the test methods */
    static MethodRegistry registry() {
        return MethodRegistry.of(new Probe(), new Bias(), new Nan(), new Broken(), new Flaky());
    }

    /**
     * Writes a plugins folder with one JAR that lists the four test methods as service providers
     * (their classes come from the test class path, the plugin loader's parent).
     *
     * @param dir where to create the {@code plugins} folder
     * @return the plugins folder
     */
    public static Path pluginFolder(Path dir) {
        Path folder = dir.resolve("plugins");
        String providers = Stream.of(Probe.class, Bias.class, Nan.class, Broken.class).map(Class::getName)
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(folder);
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("test-methods.jar")))) {
                jar.putNextEntry(new JarEntry("META-INF/services/" + PeftMethodProvider.class.getName()));
                jar.write(providers.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Base of the test providers. */
    abstract static class Base implements PeftMethodProvider {
        @Override
        public String description() {
            return "test method " + name();
        }

        @Override
        public String citation() {
            return "peft4j protocol tests";
        }

        @Override
        public HyperparameterSchema schema() {
            return HyperparameterSchema.of();
        }
    }

    /** Head only. */
    public static final class Probe extends Base {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            return host -> { };
        }
    }

    /** Biases, and optionally LayerNorm weights. */
    public static final class Bias extends Base {
        @Override
        public String name() {
            return "bias";
        }

        @Override
        public String version() {
            return "2.1";
        }

        @Override
        public HyperparameterSchema schema() {
            return HyperparameterSchema.of(Hyperparameter.bool("norms", false, List.of(false, true),
                    "also train LayerNorm weights"));
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            boolean norms = hyperparameters.getBoolean("norms");
            return host -> host.train(norms ? ParameterSelector.globs("**.bias", "**norm*.weight")
                    : ParameterSelector.globs("**.bias"));
        }
    }

    /** A learnable scale on the final norm whose output is NaN: the first loss is NaN. */
    public static final class Nan extends Base {
        @Override
        public String name() {
            return "nan";
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            return host -> {
                ParameterHandle scale = host.parameter("nan_scale", new Shape(host.shape().dim()), Init.ones());
                host.insert(Site.FINAL_NORM, (x, context) -> x.mul(scale.array()).mul(Float.NaN));
            };
        }
    }

    /** Runs out of memory while being created as often as {@link #FAILURES} says, then works (head only). */
    public static final class Flaky extends Base {
        /** How many more creations fail. */
        public static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            if (FAILURES.getAndDecrement() > 0) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return host -> { };
        }
    }

    /** Throws while attaching. */
    public static final class Broken extends Base {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public PeftMethod create(Hyperparameters hyperparameters) {
            return host -> {
                throw new IllegalStateException("broken on purpose");
            };
        }
    }
}
