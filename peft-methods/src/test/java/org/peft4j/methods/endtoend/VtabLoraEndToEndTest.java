package org.peft4j.methods.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.VtabDataset;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.Trainer;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Pins that LoRA on vit-tiny, trained end to end from PNG files in the VTAB-1K layout, classifies the test split above chance.
 *
 * <p>Real data end to end: PNG files on disk in the VTAB-1K layout, read by the VTAB reader, decoded
 * and cached, then vit-tiny with LoRA (found through the registry) trained for a few epochs; the
 * test split must be classified clearly above chance.
 */
class VtabLoraEndToEndTest {

    private static final int CLASSES = 4;
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    @Test
    void loraOnRealPngFilesBeatsChance(@TempDir Path dir) throws IOException {
        Path task = dir.resolve("colours");
        writeSplit(task, "train800val200", 192, 1);
        writeSplit(task, "test", 96, 2);
        for (String alias : List.of("train800", "val200")) {
            Files.copy(task.resolve("train800val200.txt"), task.resolve(alias + ".txt"));
        }
        VtabDataset data = VtabDataset.open(task, CLASSES);
        ImageTransform transform = ImageTransform.stretch(32);
        ImageCache.Options cache = ImageCache.Options.defaults().withDirectory(dir.resolve("cache"));
        try (CachedBatchSource train = new CachedBatchSource(ImageCache.load(data.split("train800val200"), transform, cache),
                        CLASSES, Normalization.NONE, Augmentation.NONE);
                CachedBatchSource test = new CachedBatchSource(ImageCache.load(data.split("test"), transform, cache),
                        CLASSES, Normalization.NONE, Augmentation.NONE)) {
            Engine.getInstance().setRandomSeed(11);
            VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", CLASSES), Device.cpu());
            PeftModel model = PeftModel.attach(vit,
                    MethodRegistry.classpath(getClass().getClassLoader()).create("lora", Map.of("rank", "8")).method(), false);
            TrainingRecipe recipe = TrainingRecipe.study(3e-3, 1e-4).withEpochs(6, 1).withBatch(32, 32).withEvalEvery(3);
            TrainingResult result = new Trainer(recipe, new ProgressBar("lora on colours", 6)).fit(model, train, test, null);
            assertEquals(TrainingResult.Status.OK, result.status());
            assertTrue(result.finalEval().accuracy() > 50,
                    "test accuracy " + result.finalEval().accuracy() + "% should be clearly above chance (25%)");
            vit.close();
        }
    }

    /** Writes images whose label is the colour of a square at a random place, and their list file. */
    private static void writeSplit(Path task, String split, int count, long seed) throws IOException {
        Random random = new Random(seed);
        Path images = task.resolve("images").resolve(split);
        Files.createDirectories(images);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
            g.fillRect(0, 0, 48, 48);
            g.setColor(COLOURS[label]);
            g.fillRect(random.nextInt(24), random.nextInt(24), 16 + random.nextInt(8), 16 + random.nextInt(8));
            g.dispose();
            String name = split + "/" + i + ".png";
            ImageIO.write(image, "png", images.resolve(i + ".png").toFile());
            lines.add("images/" + name + " " + label);
        }
        Files.write(task.resolve(split + ".txt"), lines);
    }
}
