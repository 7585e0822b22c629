package org.peft4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.peft4j.api.SpiVersion;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.device.EngineBootstrap;
import org.peft4j.runtime.device.GpuInventory;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code peft doctor}: what DJL found on this machine, and hints when it is not what is wanted. */
@Command(name = "doctor", sortOptions = false,
        description = {"Show the engine, libtorch, GPUs, threads and plugins peft4j finds.",
                "Shows Java and the OS, DJL's engine and version, the libtorch it loaded "
                + "(path and flavour: cpu or CUDA), the GPUs the driver reports and their memory, threads, the offline "
                + "flag, the device the configuration resolves to, and the plugins folder with its methods and "
                + "problems.",
                "Prints a hint when a GPU is present but the CPU-only library is loaded. Exit code 1 if the engine "
                        + "cannot start or the configured device cannot be used."},
        footer = {"", "Examples:",
                "  peft doctor",
                "  peft doctor --device gpu",
                "  peft doctor --plugins my-plugins"})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOptions device;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        PeftConfig settings = config.load(device.addTo(new ConfigOptions.Overrides()));
        EngineSetup.threads(settings.get(Settings.THREADS));
        List<String[]> rows = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        rows.add(row("peft4j", versionOf(PeftCommand.class) + ", SPI " + SpiVersion.CURRENT));
        rows.add(row("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), max heap "
                + String.format(Locale.ROOT, "%.1f GiB", runtime.maxMemory() / (double) (1L << 30))));
        rows.add(row("os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + runtime.availableProcessors() + " cores"));
        rows.add(row("djl", Engine.getDjlVersion() + ", offline " + System.getProperty("ai.djl.offline", "false")));
        String failure = null;
        try {
            Engine engine = EngineBootstrap.start();
            GpuInventory gpus = GpuInventory.of(engine);
            rows.add(row("engine", engine.getEngineName() + " " + engine.getVersion()));
            rows.add(row("libtorch", libtorch()));
            rows.add(row("cuda library", gpus.cudaLibrary() ? "yes" : "no (CPU-only build)"));
            GpuReport report = GpuReport.detect();
            rows.add(row("gpus", report.describe()));
            report.cpuLibraryHint(gpus).ifPresent(hints::add);
            rows.add(row("threads", "intra-op " + System.getProperty("ai.djl.pytorch.num_threads", "PyTorch default")
                    + ", inter-op " + System.getProperty("ai.djl.pytorch.num_interop_threads", "PyTorch default")));
            String requested = settings.get(Settings.DEVICE).text();
            try {
                rows.add(row("device", requested + " -> " + settings.get(Settings.DEVICE).resolve(gpus)));
            } catch (IllegalArgumentException e) {
                failure = e.getMessage();
                rows.add(row("device", requested + " -> unusable"));
            }
        } catch (RuntimeException e) {
            failure = ErrorReporter.sentence(e);
            rows.add(row("engine", "cannot start"));
        }
        rows.add(row("plugins", plugins(settings.get(Settings.PLUGINS_DIR), hints)));
        PrintWriter out = spec.commandLine().getOut();
        Formats.table("", rows).forEach(out::println);
        hints.forEach(h -> out.println("hint: " + h));
        out.flush();
        if (failure != null) {
            throw new CommandException(failure);
        }
        return 0;
    }

    private static String[] row(String key, String value) {
        return new String[] {key, value};
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The loaded libtorch's folder and the flavour of the native JAR on the class path. */
    private static String libtorch() {
        String path;
        try {
            path = LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError e) {
            path = "unknown (" + e.getClass().getSimpleName() + ")";
        }
        Platform platform = Platform.detectPlatform("pytorch");
        return path + " (native JAR: " + platform.getVersion() + ", flavour " + platform.getFlavor() + ", "
                + platform.getClassifier() + ")";
    }

    private static String plugins(Path folder, List<String> hints) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            hints.add("no plugins folder " + absolute + "; plugin JARs go there (or name another with --plugins)");
        }
        try (MethodRegistry registry = MethodRegistry.discover(folder)) {
            long fromJars = registry.methods().stream().filter(m -> !m.source().equals(MethodRegistry.CLASSPATH)).count();
            registry.problems().forEach(p -> hints.add("plugin problem: " + p));
            return absolute + (Files.isDirectory(absolute) ? "" : " (missing)") + ": " + registry.methods().size()
                    + " methods (" + fromJars + " from plugin JARs), " + registry.problems().size() + " problems";
        }
    }
}
