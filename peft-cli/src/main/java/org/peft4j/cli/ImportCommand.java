package org.peft4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft import}: reads another library's adapter into a peft4j adapter file. */
@Command(name = "import", sortOptions = false,
        description = {"Read another library's adapter into a peft4j adapter file.",
                "hf-peft: a Hugging Face peft LoRA adapter folder of a timm ViT becomes a 'lora' adapter file if it is "
                + "LoRA on every block's qkv layer (any lora_alpha, folded into B) plus the head; anything else is refused."},
        footer = {"", "Examples:",
                "  peft import --format hf-peft lora-from-python --base vit_b16.safetensors --output adapter.safetensors"})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to read: hf-peft")
    String format;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of peft's save_pretrained")
    Path dir;

    @Option(names = "--base", required = true, paramLabel = "CKPT", description = "The timm base checkpoint it was trained on")
    Path base;

    @Option(names = "--model", paramLabel = "PRESET", description = "The base's preset (default: inferred from its shapes)")
    String model;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The adapter file to write")
    Path output;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        InteropFormats.require(format);
        PeftConfig settings = config.load(new ConfigOptions.Overrides());
        CheckpointFile checkpoint = CheckpointReader.read(base);
        String preset = model != null ? model : Backbones.presetOf(checkpoint);
        if (!VitConfig.PRESETS.contains(preset)) {
            throw new CommandException("unknown --model '" + preset + "'; use one of " + VitConfig.PRESETS);
        }
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            HfPeftImport.convert(dir, checkpoint, preset, registry, output);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("imported " + dir + " as a lora adapter on " + base + ": wrote " + output);
        out.flush();
        return 0;
    }
}
