package org.peft4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.LoadedAdapter;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft merge}: folds a mergeable adapter into its base and writes a plain timm checkpoint. */
@Command(name = "merge", sortOptions = false,
        description = {"Fold a mergeable adapter into its base checkpoint.",
                "Writes a plain safetensors checkpoint with timm names (backbone and head) that computes the same function without the method, for "
                + "'peft predict --checkpoint' or any timm-compatible loader.",
                "Only mergeable methods (see 'peft methods') can be merged; for the others keep using the adapter."},
        footer = {"", "Examples:",
                "  peft merge --base vit_b16.npz --adapter runs/dtd-lora/adapter.safetensors --output dtd-lora-merged.safetensors",
                "  peft merge --base runs/tiny/base.safetensors --adapter runs/tiny/adapter.safetensors --output merged.safetensors"})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "CKPT", description = "The base checkpoint the adapter was trained on")
    Path base;

    @Option(names = "--adapter", required = true, paramLabel = "FILE", description = "The adapter file of 'peft train'")
    Path adapter;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The merged checkpoint to write (.safetensors)")
    Path output;

    @Mixin
    AdapterOptions adapterOptions;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        PeftConfig settings = config.load(new ConfigOptions.Overrides());
        EngineSetup.threads(settings.get(Settings.THREADS));
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            LoadedAdapter loaded = adapterOptions.load(adapter, CheckpointReader.read(base), registry, Device.cpu());
            try {
                if (!loaded.model().isMergeable()) {
                    throw new CommandException(adapter + ": method '" + loaded.method().name() + "' is not mergeable "
                            + "(its modules cannot be folded into base weights); use the adapter itself, e.g. "
                            + "'peft predict --checkpoint " + base + " --adapter " + adapter + "'");
                }
                AdapterFiles.exportMerged(loaded.model(), output, loaded.metadata().preprocessing());
            } finally {
                loaded.model().vit().close();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("merged " + adapter + " into " + base + ": wrote " + output);
        out.flush();
        return 0;
    }
}
