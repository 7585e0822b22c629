package org.peft4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.io.CheckpointFormat;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.NpzFile;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft inspect}: what a safetensors or npz file holds. */
@Command(name = "inspect", sortOptions = false,
        description = {"Show the tensors, metadata and checksum of a safetensors or npz file.",
                "Shows size, SHA-256, metadata, the number of tensors and "
                + "parameters, and every tensor's name, dtype and shape in file order. An adapter file of 'peft train' "
                + "also shows its method, hyperparameters, backbone and base checkpoint, and how many of its "
                + "parameters are inserted (outside the head).",
                "An .npz is shown with its own (Flax) names, as stored."},
        footer = {"", "Examples:",
                "  peft inspect runs/dtd-lora/adapter.safetensors",
                "  peft inspect vit_b16.npz"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .safetensors or .npz file, or hf-hub:ORG/NAME[@REV] from the local Hugging Face cache")
    Path file;

    @Override
    public Integer call() {
        Path path = CheckpointReader.locate(file);
        CheckpointFormat format = CheckpointReader.format(path);
        TensorArchive archive = format == CheckpointFormat.NPZ ? NpzFile.read(path) : SafetensorsFile.read(path);
        Map<String, RawTensor> tensors = archive.tensors();
        long total = tensors.values().stream().mapToLong(t -> t.shape().size()).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.println("file        " + path);
        out.println("format      " + format.name().toLowerCase(java.util.Locale.ROOT));
        out.println("bytes       " + Formats.count(size(path)));
        out.println("sha256      " + CheckpointReader.sha256(path));
        out.println("tensors     " + tensors.size());
        out.println("parameters  " + Formats.count(total));
        if (!archive.metadata().isEmpty()) {
            out.println("metadata:");
            archive.metadata().forEach((k, v) -> out.println("  " + k + " = " + v));
        }
        if (archive.metadata().containsKey("peft4j.format")) {
            printAdapter(out, AdapterFiles.readMetadata(path), tensors);
        }
        out.println("tensors:");
        printTensors(out, tensors);
        out.flush();
        return 0;
    }

    private static void printAdapter(PrintWriter out, AdapterMetadata adapter, Map<String, RawTensor> tensors) {
        long head = tensors.entrySet().stream().filter(e -> e.getKey().startsWith("head."))
                .mapToLong(e -> e.getValue().shape().size()).sum();
        long all = tensors.values().stream().mapToLong(t -> t.shape().size()).sum();
        out.println("adapter:");
        out.println("  method            " + adapter.method() + " version " + adapter.methodVersion() + " (SPI "
                + adapter.spiVersion() + ")");
        out.println("  hyperparameters   " + adapter.hyperparameters());
        out.println("  backbone          " + adapter.model().name() + ", " + adapter.model().numClasses() + " classes");
        out.println("  base sha256       " + adapter.baseSha256());
        out.println("  reference compat  " + adapter.referenceCompat());
        out.println("  inserted          " + Formats.count(all - head) + " parameters (+ " + Formats.count(head)
                + " in the head)");
    }

    private static void printTensors(PrintWriter out, Map<String, RawTensor> tensors) {
        List<String[]> rows = new ArrayList<>();
        tensors.forEach((name, t) -> rows.add(new String[] {name, String.valueOf(t.dtype()),
                t.shape().toString().replace('(', '[').replace(')', ']'), Formats.count(t.shape().size())}));
        Formats.table("  ", rows).forEach(out::println);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
