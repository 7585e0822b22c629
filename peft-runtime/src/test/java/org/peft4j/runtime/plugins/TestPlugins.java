package org.peft4j.runtime.plugins;

import ai.djl.ndarray.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.SpiVersion;

/**
 * Builds real plugin JARs at test time: provider sources are compiled against peft-api with the
 * system Java compiler and packed with their {@code META-INF/services} entry.
 *
 * <p>Every plugin is a variant of one "gain" method: a learnable per-feature gain on the head input
 * (mergeable into the head, with a closed-form count), optionally also training the final norm.
 */
public final class TestPlugins {

    /** Name of the service file every plugin JAR carries. */
    public static final String SERVICE_FILE = "META-INF/services/" + PeftMethodProvider.class.getName();

    private static final String TEMPLATE = """
            package %PACKAGE%;

            import ai.djl.ndarray.types.Shape;
            import java.util.List;
            import org.peft4j.api.BackboneShape;
            import org.peft4j.api.ClosedFormCount;
            import org.peft4j.api.Hyperparameter;
            import org.peft4j.api.HyperparameterSchema;
            import org.peft4j.api.Hyperparameters;
            import org.peft4j.api.MergeTarget;
            import org.peft4j.api.Mergeable;
            import org.peft4j.api.ParameterHandle;
            import org.peft4j.api.ParameterSelector;
            import org.peft4j.api.PeftHost;
            import org.peft4j.api.PeftMethod;
            import org.peft4j.api.PeftMethodProvider;
            import org.peft4j.api.Site;

            public final class GainProvider implements PeftMethodProvider {
                public GainProvider() {
                    %CONSTRUCTOR%
                }
                @Override public String name() { %NAME% }
                @Override public String spiVersion() { return "%SPI%"; }
                @Override public String version() { return "%VERSION%"; }
                @Override public String description() { return "learnable per-feature gain on the head input"; }
                @Override public String citation() { return "peft4j tests"; }
                @Override public HyperparameterSchema schema() {
                    return HyperparameterSchema.of(
                            Hyperparameter.real("init", 1.0, 0.0, 10.0, List.of(0.5, 1.0), "initial gain"),
                            Hyperparameter.bool("tune_norm", false, "also train the final norm"));
                }
                @Override public PeftMethod create(Hyperparameters h) {
                    return new Gain((float) h.getDouble("init"), h.getBoolean("tune_norm"));
                }

                static final class Gain implements PeftMethod, Mergeable, ClosedFormCount {
                    private final float init;
                    private final boolean tuneNorm;

                    Gain(float init, boolean tuneNorm) {
                        this.init = init;
                        this.tuneNorm = tuneNorm;
                    }
                    @Override public void attach(PeftHost host) {
                        ParameterHandle gain = host.parameter(
                                "gain.weight", new Shape(host.shape().dim()), (m, s) -> m.full(s, init));
                        host.insert(Site.HEAD_INPUT, (x, context) -> x.mul(gain.array()));
                        if (tuneNorm) {
                            host.train(ParameterSelector.globs("norm.*"));
                        }
                    }
                    @Override public void merge(MergeTarget t) {
                        t.set("head.weight", t.get("head.weight").mul(t.get("gain.weight").expandDims(0)));
                    }
                    @Override public long insertedParameters(BackboneShape s) {
                        return (tuneNorm ? 3L : 1L) * s.dim();
                    }
                }
            }
            """;

    private TestPlugins() {}

    /**
     * A variant of the gain provider.
     *
     * @param packageName its package (the class is always {@code GainProvider})
     * @param nameBody body of {@code name()}, e.g. {@code return "gain";}
     * @param spiVersion the SPI version it declares
     * @param version the method's version
     * @param constructorBody body of the constructor, usually empty
     * @return Java source
     */
    public static String gain(String packageName, String nameBody, String spiVersion, String version, String constructorBody) {
        return TEMPLATE.replace("%PACKAGE%", packageName)
                .replace("%NAME%", nameBody)
                .replace("%SPI%", spiVersion)
                .replace("%VERSION%", version)
                .replace("%CONSTRUCTOR%", constructorBody);
    }

    /**
     * The well-behaved gain provider for the current SPI.
     *
     * @param packageName its package
     * @param methodName the method's name
     * @return Java source
     */
    public static String gain(String packageName, String methodName) {
        return gain(packageName, "return \"" + methodName + "\";", SpiVersion.CURRENT, "1.0", "");
    }

    /**
     * Compiles {@code GainProvider} sources, one per package, into a folder.
     *
     * @param work scratch folder
     * @param sources Java sources, each of a class {@code GainProvider} in its own package
     * @return the folder with the compiled classes
     * @throws IOException on file errors
     * @throws URISyntaxException if a class path entry has no file location
     */
    public static Path compile(Path work, List<String> sources) throws IOException, URISyntaxException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-classpath",
                location(PeftMethodProvider.class) + java.io.File.pathSeparator + location(NDArray.class)));
        for (String source : sources) {
            String pkg = source.substring("package ".length(), source.indexOf(';'));
            Path file = Files.createDirectories(src.resolve(pkg.replace('.', '/'))).resolve("GainProvider.java");
            Files.writeString(file, source);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("compiling the test plugins failed:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /**
     * Packs the compiled classes of one package into a plugin JAR whose service file lists the
     * given provider classes.
     *
     * @param jar the JAR to write
     * @param classes folder of compiled classes, or null for a JAR with only the service file
     * @param packageName package to pack
     * @param providers fully qualified provider class names for the service file; none for no file
     * @throws IOException on file errors
     */
    public static void jar(Path jar, Path classes, String packageName, String... providers) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (classes != null) {
                Path dir = classes.resolve(packageName.replace('.', '/'));
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(f));
                        out.closeEntry();
                    }
                }
            }
            if (providers.length > 0) {
                out.putNextEntry(new JarEntry(SERVICE_FILE));
                out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
