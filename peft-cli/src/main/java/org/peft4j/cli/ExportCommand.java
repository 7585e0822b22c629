package org.peft4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft export}: writes an adapter file in another library's format. */
@Command(name = "export", sortOptions = false,
        description = {"Write an adapter file in another library's format.",
                "hf-peft: a Hugging Face peft LoRA adapter (adapter_config.json, adapter_model.safetensors) of the timm "
                + "ViT, for PeftModel.from_pretrained; only 'lora' adapters, which it expresses exactly."},
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

    @Override
    public Integer call() {
        InteropFormats.require(format);
        HfPeftLora.export(adapter, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("exported " + adapter + " as hf-peft: wrote " + output.resolve(HfPeftLora.CONFIG) + " and "
                + output.resolve(HfPeftLora.WEIGHTS));
        out.flush();
        return 0;
    }
}
