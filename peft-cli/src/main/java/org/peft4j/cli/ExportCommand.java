package org.peft4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft export}: writes an adapter file in another library's format. */
@Command(name = "export", sortOptions = false,
        description = {"Write an adapter file in another library's format.",
                "hf-peft: a Hugging Face peft adapter (adapter_config.json, adapter_model.safetensors) of the timm ViT, "
                + "for PeftModel.from_pretrained; for methods that describe an exact peft form (HfPeftForm: lora, and "
                + "plugins such as the ia3 and dora examples); others are refused."},
        footer = {"", "Examples:",
                "  peft export --format hf-peft --adapter runs/dtd-lora/adapter.safetensors --output dtd-lora-hf"})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to write: hf-peft")
    String format;

    @Option(names = "--adapter", required = true, paramLabel = "FILE", description = "The adapter file of 'peft train'")
    Path adapter;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder to write")
    Path output;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        InteropFormats.require(format);
        PeftConfig settings = config.load(new ConfigOptions.Overrides());
        EngineSetup.threads(settings.get(Settings.THREADS));
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            HfPeftExport.export(adapter, registry, output);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("exported " + adapter + " as hf-peft: wrote " + output.resolve(HfPeftExport.CONFIG) + " and "
                + output.resolve(HfPeftExport.WEIGHTS));
        out.flush();
        return 0;
    }
}
