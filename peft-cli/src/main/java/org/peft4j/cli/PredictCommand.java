package org.peft4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.adapters.LoadedAdapter;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft predict}: classifies images with a checkpoint, or a checkpoint plus an adapter. */
@Command(name = "predict", sortOptions = false,
        description = {"Classify images with a checkpoint or a checkpoint plus adapter.",
                "Writes a CSV of path, predicted class and its softmax probability, in input order; optionally the raw logits as one "
                + "safetensors tensor 'logits' (images × classes), in the same order.",
                "Images are stretched to the model's input size, as in processed VTAB-1K. Give the images as a "
                        + "folder (--images), a list file (--list; the first field of each line, relative to the "
                        + "list's folder, so VTAB-1K lists work) or as file arguments. Every missing or undecodable "
                        + "image is reported at once."},
        footer = {"", "Examples:",
                "  peft predict --checkpoint vit_b16.npz --adapter runs/dtd-lora/adapter.safetensors "
                        + "--list data/vtab-1k/dtd/test.txt --output preds.csv --logits logits.safetensors",
                "  peft predict --checkpoint dtd-lora-merged.safetensors --images photos --output preds.csv",
                "  peft predict --checkpoint merged.safetensors cat.png dog.jpg --output preds.csv"})
final class PredictCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(PredictCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT",
            description = "A checkpoint with a head, or the base checkpoint of --adapter")
    Path checkpoint;

    @Option(names = "--adapter", paramLabel = "FILE", description = "An adapter file of 'peft train' to apply to the checkpoint")
    Path adapter;

    @Option(names = "--images", paramLabel = "DIR", description = "Classify every .jpg/.jpeg/.png under this folder, in path order")
    Path images;

    @Option(names = "--list", paramLabel = "FILE", description = "Classify the images named in this file, one per line")
    Path list;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files to classify")
    List<Path> files = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "CSV", description = "The CSV of predictions to write")
    Path output;

    @Option(names = "--logits", paramLabel = "FILE", description = "Also write the logits to this .safetensors file")
    Path logits;

    @Option(names = "--model", paramLabel = "PRESET", description = "Backbone preset of a checkpoint without --adapter (default: inferred "
            + "from the checkpoint's shapes, else the model setting)")
    String model;

    @Option(names = "--normalization", paramLabel = "NAME",
            description = "Pixel normalisation used in training: none, imagenet, inception or clip (default: the one "
                    + "recorded in the adapter or merged checkpoint, else the checkpoint's pretrained_cfg, else the preset's)")
    Normalization normalization;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Images per forward pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    AdapterOptions adapterOptions;

    @Mixin
    DeviceOptions device;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        List<ImageInputs.Input> inputs = inputs();
        PeftConfig settings = config.load(device.addTo(new ConfigOptions.Overrides().set(Settings.MODEL, model)));
        Device target = EngineSetup.start(settings);
        CheckpointFile base = CheckpointReader.read(checkpoint);
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            LoadedAdapter loaded = adapter == null ? null : adapterOptions.load(adapter, base, registry, target);
            try (VisionTransformer vit = loaded != null ? loaded.model().vit() : model(base, settings, target)) {
                Preprocessing travelled = loaded != null ? loaded.metadata().preprocessing()
                        : Backbones.preprocessing(base, vit.config());
                Normalization used = normalization != null ? normalization : travelled.normalization();
                LOG.info("normalisation {} ({})", used.id(), normalization != null ? "--normalization"
                        : loaded != null ? "recorded in " + adapter : "of " + base.file());
                predict(vit, used, inputs);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("classified " + inputs.size() + " images: " + output + (logits == null ? "" : ", logits " + logits));
        out.flush();
        return 0;
    }

    private void predict(VisionTransformer vit, Normalization used, List<ImageInputs.Input> inputs) {
        float[] values = new ImageClassifier(vit, used, batch).logits(inputs);
        Predictions predictions = new Predictions(inputs.stream().map(ImageInputs.Input::name).toList(), values,
                vit.config().numClasses());
        predictions.writeCsv(output);
        if (logits != null) {
            predictions.writeLogits(logits);
        }
    }

    private List<ImageInputs.Input> inputs() {
        int sources = (images != null ? 1 : 0) + (list != null ? 1 : 0) + (files.isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw new ParameterException(spec.commandLine(),
                    "give the images in exactly one way: --images DIR, --list FILE or image files as arguments");
        }
        return images != null ? ImageInputs.folder(images) : list != null ? ImageInputs.list(list) : ImageInputs.files(files);
    }

    private VisionTransformer model(CheckpointFile base, PeftConfig settings, Device target) {
        String preset = model != null ? model : Backbones.presetOf(base).orElse(settings.get(Settings.MODEL));
        return Backbones.create(VitConfig.preset(preset, headClasses(base)), base, target, 0).vit();
    }

    /**
     * The number of classes of a checkpoint's head.
     *
     * @param checkpoint a read checkpoint
     * @return the rows of {@code head.weight}
     * @throws CommandException if the checkpoint has no head
     */
    private static int headClasses(CheckpointFile checkpoint) {
        RawTensor head = checkpoint.tensors().tensors().get("head.weight");
        if (head == null || head.shape().dimension() != 2) {
            throw new CommandException(checkpoint.file() + ": has no classification head ('head.weight'), so it "
                    + "cannot predict classes; pass the adapter trained on it with --adapter, or a merged checkpoint");
        }
        return Math.toIntExact(head.shape().get(0));
    }
}
