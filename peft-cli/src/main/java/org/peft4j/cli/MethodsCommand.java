package org.peft4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.RegisteredMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft methods}: every available method, where it comes from and its hyperparameters. */
@Command(name = "methods", sortOptions = false,
        description = {"List the available methods with their sources, versions and hyperparameters.",
                "For every method found on the class path and in the plugins folder: source (class path "
                + "or plugin JAR), method and SPI version, description, citation, capabilities (mergeable, closed-form "
                + "count) and hyperparameters (type, default, range or choices, tuning grid).",
                "Plugin JARs that were refused (wrong SPI version, duplicate name, a provider that throws) are "
                        + "listed as warnings at the end."},
        footer = {"", "Examples:",
                "  peft methods",
                "  peft methods lora bitfit",
                "  peft methods --plugins my-plugins"})
final class MethodsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Show only these methods")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        PeftConfig settings = config.load(new ConfigOptions.Overrides());
        PrintWriter out = spec.commandLine().getOut();
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            List<RegisteredMethod> shown = names.isEmpty() ? registry.methods() : names.stream().map(registry::method).toList();
            for (RegisteredMethod method : shown) {
                MethodDescription.print(out, method);
                out.println();
            }
            out.println(shown.size() + " of " + registry.methods().size() + " methods shown; plugins folder "
                    + settings.get(Settings.PLUGINS_DIR).toAbsolutePath().normalize());
            for (String problem : registry.problems()) {
                out.println("warning: " + problem);
            }
        }
        out.flush();
        return 0;
    }
}
