package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.device.EngineBootstrap;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Each kind of bad input ends the command with one clear sentence on stderr, no stack trace, and
 * exit code 1 (2 for usage errors).
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static Path checkpoint;
    private static Path photo;

    @BeforeAll
    static void writeAVitTinyCheckpointAndAnImage() {
        EngineBootstrap.start();
        checkpoint = dir.resolve("vit-tiny.safetensors");
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", 2), Device.cpu())) {
            Checkpoints.save(vit, checkpoint, Map.of("format", "pt"));
        }
        photo = TinyData.png(dir.resolve("photo.png"), 32, 32, 1, 7);
    }

    @Test
    void aCorruptImageIsNamedWithItsListLine() throws IOException {
        Path task = TinyData.task(dir.resolve("corrupt"));
        Files.writeString(task.resolve("images/2.png"), "not a PNG at all");
        String error = train(task).failsWith(1);
        assertTrue(error.contains("train800.txt line 3: the image 'images/2.png' cannot be decoded"), error);
        assertTrue(error.endsWith("; replace the file, or remove its line from the list file"),
                "the advice names only what exists (there is no option to skip bad images): " + error);
    }

    @Test
    void aCorruptImageToPredictIsNamed() throws IOException {
        Path bad = Files.writeString(dir.resolve("broken.png"), "GIF89a but truncated");
        String error = Cli.run("predict", "--checkpoint", checkpoint.toString(), photo.toString(), bad.toString(),
                "--output", dir.resolve("p.csv").toString()).failsWith(1);
        assertTrue(error.startsWith("peft: error: " + bad + ": the image '" + bad + "' cannot be decoded"), error);
        assertTrue(Files.notExists(dir.resolve("p.csv")), "no partial CSV");
    }

    @Test
    void anUnknownMethodListsTheKnownOnes() {
        String error = Cli.run("count", "--model", "vit-tiny", "--method", "lorra").failsWith(1);
        assertTrue(error.startsWith("peft: error: unknown method 'lorra'; known methods: adaptformer, bitfit,"), error);
    }

    @Test
    void aBadHyperparameterNamesTheMethodAndTheKey() {
        String error = Cli.run("count", "--model", "vit-tiny", "--method", "lora", "--set", "rank=0").failsWith(1);
        assertEquals("peft: error: method 'lora': hyperparameter 'rank': 0 is outside the allowed range [1, 4096]; "
                + "'peft methods lora' lists its hyperparameters", error);
    }

    @Test
    void aTensorOfTheWrongShapeIsNamed() {
        Map<String, RawTensor> tensors = new LinkedHashMap<>(SafetensorsFile.read(checkpoint).tensors());
        tensors.put("blocks.0.attn.qkv.weight", zeros(576, 100));
        Path bad = dir.resolve("wrong-shape.safetensors");
        SafetensorsFile.writeRaw(bad, tensors, Map.of());
        String error = predict(bad).failsWith(1);
        assertTrue(error.contains("does not fit vit-tiny") && error.contains("'blocks.0.attn.qkv.weight': the model "
                + "expects (576, 192), the file has (576, 100)"), error);
    }

    @Test
    void aCheckpointOfAnotherModelSaysSo() {
        Map<String, RawTensor> tensors = new LinkedHashMap<>(SafetensorsFile.read(checkpoint).tensors());
        tensors.keySet().removeIf(k -> k.startsWith("blocks.4.") || k.startsWith("blocks.5."));
        Path shallow = dir.resolve("depth-4.safetensors");
        SafetensorsFile.writeRaw(shallow, tensors, Map.of());
        String error = predict(shallow).failsWith(1);
        assertTrue(error.contains("this is a checkpoint of another model: it holds a ViT with dim 192, depth 4"), error);
    }

    @Test
    void aTruncatedCheckpointIsReportedAsSuch() throws IOException {
        Path truncated = Files.copy(checkpoint, dir.resolve("truncated.safetensors"));
        try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        String error = predict(truncated).failsWith(1);
        assertTrue(error.startsWith("peft: error: " + truncated + ": truncated: tensor '"), error);
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsLine() {
        Path task = TinyData.task(dir.resolve("labels"));
        TinyData.list(task.resolve("train800.txt"), List.of("images/0.png 0", "images/1.png 5", "images/2.png 1",
                "images/3.png 1", "images/4.png 0"));
        String error = Cli.run("train", "--data", task.toString(), "--classes", "2", "--train-split", "train800",
                "--eval-split", "none", "--model", "vit-tiny", "--method", "linear", "--epochs", "1", "--batch", "4",
                "--output", dir.resolve("runs-labels").toString()).failsWith(1);
        assertEquals("peft: error: " + task.resolve("train800.txt") + " line 2: the label 5 is out of range for 2 "
                + "classes; labels must lie in 0..1 (declare more classes if the label is right)", error);
    }

    @Test
    void aPathEscapingTheTaskFolderIsRefused() throws IOException {
        Path task = TinyData.task(dir.resolve("escape"));
        TinyData.png(dir.resolve("outside.png"), 32, 32, 0, 1);
        Files.writeString(task.resolve("test.txt"), "images/12.png 0\n../outside.png 1\n");
        Cli.Result result = train(task);
        String error = result.failsWith(1);
        assertTrue(error.contains("test.txt line 2: the image path '../outside.png' escapes the data set root"), error);
    }

    @Test
    void severalProblemsGiveTheFirstAndACount() throws IOException {
        Path task = TinyData.task(dir.resolve("several"));
        Files.writeString(task.resolve("train800.txt"), "images/0.png\nimages/1.png x\nimages/missing.png 0\n"
                + "images/3.png 1\nimages/4.png 0\n");
        Cli.Result result = train(task);
        String error = result.failsWith(1);
        assertTrue(error.contains("train800.txt line 1: expected 2 fields"), error);
        assertEquals("peft: ... and 2 more data problems; 'peft validate <task folder>' lists them all",
                result.err().lines().toList().get(1));
    }

    @Test
    void aPluginThatThrowsWhileAttachingIsNamed() {
        Path plugins = dir.resolve("plugins-attach");
        Path jar = FailingPlugins.jar(plugins.resolve("failing.jar"), List.of(FailingPlugins.FailingAttach.class));
        String error = Cli.run("count", "--model", "vit-tiny", "--method", "failing-attach", "--plugins",
                plugins.toString()).failsWith(1);
        assertEquals("peft: error: method 'failing-attach' version 1.0 from plugin " + jar.toAbsolutePath()
                + " failed while attaching it to vit-tiny: IllegalStateException: the adapter weights are not ready; "
                + "fix the method or report it to its author", error);
    }

    @Test
    void aPluginThatThrowsWhileDescribingItselfIsRefusedWithAWarning() {
        Path plugins = dir.resolve("plugins-schema");
        FailingPlugins.jar(plugins.resolve("failing.jar"), List.of(FailingPlugins.FailingSchema.class));
        String listing = Cli.run("methods", "--plugins", plugins.toString()).ok();
        assertTrue(listing.contains("warning: Plugin ") && listing.contains("fails in schema() "
                + "(UnsupportedOperationException: schema not written yet); fix or remove the plugin."), listing);
        assertTrue(listing.contains("lora  (version"), listing);
        String error = Cli.run("count", "--model", "vit-tiny", "--method", "failing-schema", "--plugins",
                plugins.toString()).failsWith(1);
        assertTrue(error.startsWith("peft: error: method 'failing-schema' is not available: Plugin "), error);
        assertTrue(error.endsWith("fails in schema() (UnsupportedOperationException: schema not written yet); fix or "
                + "remove the plugin."), error);
    }

    @Test
    void errorsThatAreNotExceptionsAreOneSentenceToo() {
        Path plugins = dir.resolve("plugins-errors");
        FailingPlugins.jar(plugins.resolve("errors.jar"), List.of(FailingPlugins.AssertingName.class,
                FailingPlugins.OutOfMemoryAttach.class));
        Cli.Result listing = Cli.run("methods", "--plugins", plugins.toString());
        String out = listing.ok();
        assertTrue(out.contains("errors.jar: provider " + FailingPlugins.AssertingName.class.getName()
                + " fails in name() (AssertionError: name not decided); fix or remove the plugin."), out);
        assertTrue(out.contains("lora  (version"), "the other methods are listed: " + out);
        Cli.Result oom = Cli.run("count", "--model", "vit-tiny", "--method", "oom-attach", "--plugins",
                plugins.toString());
        String error = oom.failsWith(1);
        assertEquals(1, oom.err().lines().count(), oom.err());
        assertTrue(error.startsWith("peft: error: ") && error.contains("out of memory (Java heap space)"), error);
        assertFalse(oom.err().contains("\tat "), "no stack trace: " + oom.err());
    }

    @Test
    void anUnknownNormalizationIsRefusedByTrainBeforeAnythingIsWritten() {
        Path task = TinyData.task(dir.resolve("normalization"));
        Path output = dir.resolve("normalization-run");
        String error = Cli.run("train", "--data", task.toString(), "--train-split", "train800", "--model", "vit-tiny",
                "--method", "linear", "--epochs", "1", "--batch", "4", "--normalization", "sepia", "--output",
                output.toString()).failsWith(1);
        assertTrue(error.startsWith("peft: error: --normalization sepia: ") && error.endsWith(", or pretrained"), error);
        assertTrue(!Files.exists(output), "nothing written");
    }

    @Test
    void aWarmUpThatIsNotBelowTheEpochsIsRefusedByTrainAsByCompare() throws IOException {
        Path task = TinyData.task(dir.resolve("warmup"));
        String error = Cli.run("train", "--data", task.toString(), "--train-split", "train800", "--model", "vit-tiny",
                "--method", "linear", "--epochs", "2", "--batch", "4", "-Dtrain.warmup_epochs=5", "--output",
                dir.resolve("warmup-run").toString()).failsWith(1);
        assertTrue(error.contains("warm-up epochs must be in [0, epochs), got 5"), error);
    }

    @Test
    void aFinishedCheckpointOfOtherDataOrSettingsIsNotResumedSilently() throws IOException {
        Path task = TinyData.task(dir.resolve("stale"));
        Path output = dir.resolve("stale-run");
        java.util.function.Function<String[], Cli.Result> train = extra -> {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data", task.toString(), "--train-split",
                    "train800", "--model", "vit-tiny", "--method", "lora", "--epochs", "2", "--batch", "4",
                    "--output", output.toString()));
            args.addAll(List.of(extra));
            return Cli.run(args.toArray(String[]::new));
        };
        train.apply(new String[] {"--set", "dropout=0.0"}).ok();
        String changed = train.apply(new String[] {"--set", "dropout=0.1"}).failsWith(1);
        assertTrue(changed.contains("was written by a run that differs in method.hyperparameters;"), changed);
        String restarted = train.apply(new String[] {"--set", "dropout=0.1", "--restart-on-mismatch"}).ok();
        assertTrue(Files.exists(output.resolve("checkpoint/last-epoch.safetensors.mismatched")), restarted);
        // an image replaced under the same name, same list file: other data
        Path image = task.resolve("images/0.png");
        Files.write(image, Files.readAllBytes(task.resolve("images/1.png")));
        String otherData = train.apply(new String[] {"--set", "dropout=0.1"}).failsWith(1);
        assertTrue(otherData.contains("differs in data.train"), otherData);
    }

    @Test
    void usageErrorsExitWithTwoAndPointToHelp() {
        Cli.Result result = Cli.run("train", "--data", "x", "--method", "lora", "--output", "y", "--epochs", "many");
        String error = result.failsWith(2);
        assertTrue(error.contains("'many'"), error);
        assertEquals("Run 'peft train --help' for the options and examples.", result.err().lines().toList().get(1));
        assertEquals(2, Cli.run("inspect").exit());
        String noImages = Cli.run("predict", "--checkpoint", checkpoint.toString(), "--output", "x.csv").failsWith(2);
        assertTrue(noImages.contains("give the images in exactly one way"), noImages);
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result result = Cli.run("count", "--model", "vit-tiny", "--method", "lorra", "--verbose");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("\tat org.peft4j."), result.err());
        assertTrue(result.err().strip().endsWith("a plugin's JAR belongs in the plugins folder"), result.err());
    }

    @Test
    void nonFiniteNumbersAreRefusedForEveryNumericOption() {
        Path task = TinyData.task(dir.resolve("finite"));
        for (String[] option : new String[][] {{"--wd", "Infinity"}, {"--lr", "NaN"}, {"--drop-path", "-Infinity"}}) {
            String error = Cli.run("train", "--data", task.toString(), "--train-split", "train800", "--model",
                    "vit-tiny", "--method", "linear", "--epochs", "1", "--batch", "4", option[0], option[1],
                    "--output", dir.resolve("finite-run").toString()).failsWith(2);
            assertTrue(error.contains(option[0]) && error.contains("'" + option[1] + "' is not a finite number"), error);
        }
        String error = Cli.run("train", "--data", task.toString(), "--train-split", "train800", "--model", "vit-tiny",
                "--method", "linear", "--epochs", "1", "--batch", "4", "--wd", "-1",
                "--output", dir.resolve("finite-run").toString()).failsWith(1);
        assertTrue(error.contains("weight decay must be finite and >= 0, got -1.0"), error);
    }

    private static Cli.Result train(Path task) {
        return Cli.run("train", "--data", task.toString(), "--train-split", "train800", "--model", "vit-tiny",
                "--method", "linear", "--epochs", "1", "--batch", "4", "--output", task.resolveSibling(
                        task.getFileName() + "-run").toString());
    }

    private static Cli.Result predict(Path checkpointFile) {
        return Cli.run("predict", "--checkpoint", checkpointFile.toString(), "--model", "vit-tiny", photo.toString(),
                "--output", dir.resolve("never.csv").toString());
    }

    private static RawTensor zeros(long... dims) {
        Shape shape = new Shape(dims);
        return new RawTensor(ai.djl.ndarray.types.DataType.FLOAT32, shape, ByteBuffer.allocate((int) shape.size() * 4));
    }
}
