package org.peft4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft count}: the inserted parameters of a method, counted on a real backbone and in closed form. */
@Command(name = "count", sortOptions = false,
        description = {"Count a method's inserted parameters on a real backbone and in closed form.",
                "Inserted parameters are the study's measure: trainable parameters outside the classification head. "
                + "They are counted by attaching the method to a real, randomly initialised backbone, and in closed "
                + "form if the method states one; both are printed with their share of the backbone's parameters.",
                "Fails (exit code 1) if the closed form disagrees with the count."},
        footer = {"", "Examples:",
                "  peft count --model vit-b16 --method lora --set rank=8",
                "  peft count --model vit-tiny --method adaptformer --set bottleneck=16 --set scale=0.1",
                "  peft count --model vit-l16 --method full"})
final class CountCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "PRESET",
            description = "Backbone preset (docs/backbones.md): vit-b16, vit-s16, vit-l16, vit-b32, vit-b16-384, "
                    + "dinov2-s14, dinov2-b14, dinov2-l14, dinov2-b14-reg4, clip-b16, clip-l14, mae-b16; test-sized "
                    + "vit-micro, vit-tiny, dinov2-micro, clip-micro (default: model, vit-b16)")
    String model;

    @Option(names = "--method", paramLabel = "NAME", required = true, description = "Method name (see 'peft methods')")
    String method;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A hyperparameter of the method (repeatable), e.g. rank=8")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "Classes of the head, which the count excludes (default: ${DEFAULT-VALUE})")
    int classes;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        PeftConfig settings = config.load(new ConfigOptions.Overrides().set(Settings.MODEL, model));
        EngineSetup.threads(settings.get(Settings.THREADS));
        VitConfig architecture = VitConfig.preset(settings.get(Settings.MODEL), classes);
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR));
                Backbones.Base base = Backbones.random(architecture, Device.cpu(), 0)) {
            MethodInstance instance = MethodSetup.create(registry, method, hyperparameters);
            VisionTransformer vit = base.vit();
            MethodSetup.attach(vit, registry, instance, false);
            long counted = vit.insertedParameters();
            long backbone = vit.backboneParameters();
            PrintWriter out = spec.commandLine().getOut();
            out.println(instance.name() + " (" + instance.hyperparameters() + ") on " + architecture.name());
            out.println("  inserted parameters  " + Formats.count(counted) + " (counted on the model)");
            Long closedForm = instance.method() instanceof ClosedFormCount c
                    ? c.insertedParameters(vit.shape(), vit.config().layout()) : null;
            out.println("  closed form          " + (closedForm == null ? "none (the method states no closed form)"
                    : Formats.count(closedForm)));
            out.println("  share of backbone    " + Formats.percent(counted, backbone) + " of " + Formats.count(backbone));
            out.flush();
            if (closedForm != null && closedForm != counted) {
                throw new CommandException("method '" + instance.name() + "' states " + Formats.count(closedForm)
                        + " inserted parameters in closed form, but attaching it to " + architecture.name() + " makes "
                        + Formats.count(counted) + " trainable; its ClosedFormCount is wrong");
            }
        }
        return 0;
    }
}
