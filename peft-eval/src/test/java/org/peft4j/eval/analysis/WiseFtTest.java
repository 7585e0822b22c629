package org.peft4j.eval.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.BaseCheckpoint;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.TuningTrial;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.support.TestRecords;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.Evaluator;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * WiSE-FT on a micro ViT with a hand-made "fine-tuned" LoRA (random trained tensors, no training): the
 * curve's ends must equal the accuracies of the pretrained backbone with the fine-tuned head (α = 0)
 * and of the unmerged fine-tuned model (α = 1), computed independently.
 */
class WiseFtTest {

    private static final int IMAGES = 8;

    /** A backbone small enough for a quick test: 16 px, patch 4, dim 32, 2 blocks. */
    private static final VitConfig MICRO = new VitConfig("micro", 16, 4, 32, 2, 2, 2, 1, 0f);

    @TempDir
    Path dir;

    @Test
    void curveEndsAtThePretrainedAndTheFineTunedModel() throws IOException {
        Path root = dir.resolve("data");
        Path taskDir = root.resolve("t");
        writeImages(taskDir, "test", 1);
        writeImages(taskDir, "test_shifted", 2);
        ImageCache.Options cache = ImageCache.Options.defaults().withDirectory(dir.resolve("cache"));
        Device cpu = Device.cpu();
        Engine.getInstance().setRandomSeed(7);
        Path checkpoint = dir.resolve("base.safetensors");
        try (VisionTransformer vit = VisionTransformer.create(MICRO, cpu)) {
            Checkpoints.save(vit, checkpoint, Map.of("format", "pt"));
        }
        BaseCheckpoint base = new BaseCheckpoint(checkpoint.toString(), CheckpointReader.sha256(checkpoint));
        try (MethodRegistry registry = MethodRegistry.discover()) {
            String version = registry.method("lora").version();
            ComparisonSpec spec = new ComparisonSpec(ComparisonSpec.FORMAT, "wise", ProtocolKind.QUICK,
                    MICRO, base, root.toString(), Normalization.NONE,
                    List.of(new TaskSpec("t", "natural", 2)),
                    List.of(new MethodSpec("lora", version, "1.0", List.of(Map.of("rank", "2", "dropout", "0.1")))),
                    List.of(1e-3), List.of(1e-4), new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, 1, false);
            ResultStore store = ResultStore.create(dir.resolve("store"), spec);
            ComparisonState state = new ComparisonState(store);
            for (TuningTrial t : state.refresh().get(0).group().tuning()) {
                store.writeRecord(TestRecords.of(t, TrialStatus.OK, 50, IMAGES, null, 1, 1, 1));
            }
            GroupState group = state.refresh().get(0);
            FinalTrial f = group.finals().get(0);

            double[] expected0 = new double[2];
            double[] expected1 = new double[2];
            try (VisionTransformer vit = VisionTransformer.create(f.settings().model(), cpu);
                    CachedBatchSource in = source(taskDir, "test", cache);
                    CachedBatchSource shifted = source(taskDir, "test_shifted", cache)) {
                Checkpoints.load(vit, checkpoint);
                MethodInstance lora = registry.create("lora", f.settings().hyperparameters());
                PeftModel model = PeftModel.attach(vit, lora.method(), false);
                Random random = new Random(3);
                for (ModelParameter p : vit.parameters().where(ModelParameter::isTrainable)) {
                    fill(p, random, 0.3f);
                }
                AdapterFiles.save(store.trialDir(f.id()).resolve(TrialRunner.ADAPTER), model, lora, base.sha256(),
                        Preprocessing.forRun("vit-micro", 32, Normalization.NONE));
                expected1[0] = Evaluator.evaluate(vit, in, 8).accuracy();
                expected1[1] = Evaluator.evaluate(vit, shifted, 8).accuracy();
                model.detach();
                expected0[0] = Evaluator.evaluate(vit, in, 8).accuracy();
                expected0[1] = Evaluator.evaluate(vit, shifted, 8).accuracy();
            }
            store.writeRecord(TestRecords.of(f, TrialStatus.OK, expected1[0], IMAGES, null, 1, 1, 1));

            WiseCurve curve = new WiseFt(registry, cpu, cache).run(store, "t", "lora", "test_shifted",
                    List.of(0.0, 0.5, 1.0));
            assertEquals(3, curve.alphas().size());
            assertEquals(f.id(), curve.trialId());
            assertEquals(expected0[0], curve.inAccuracy().get(0), 1e-9);
            assertEquals(expected0[1], curve.shiftedAccuracy().get(0), 1e-9);
            assertEquals(expected1[0], curve.inAccuracy().get(2), 1e-9);
            assertEquals(expected1[1], curve.shiftedAccuracy().get(2), 1e-9);
            assertTrue(curve.inAccuracy().stream().allMatch(a -> a >= 0 && a <= 100));

            // Someone replaces the base checkpoint after the comparison: WiSE-FT refuses, as training does.
            Engine.getInstance().setRandomSeed(8);
            try (VisionTransformer other = VisionTransformer.create(MICRO, cpu)) {
                Checkpoints.save(other, checkpoint, Map.of("format", "pt"));
            }
            IllegalStateException changed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new WiseFt(registry, cpu, cache).run(store, "t", "lora", "test_shifted", List.of(0.0)));
            assertTrue(changed.getMessage().contains("but the comparison was planned with " + base.sha256()),
                    changed.getMessage());
        }
    }

    /** Random images, half of each class, listed in {@code <split>.txt}. */
    private static void writeImages(Path taskDir, String split, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(taskDir.resolve(split));
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            String name = split + "/" + i + ".png";
            ImageIO.write(image, "png", taskDir.resolve(name).toFile());
            list.append(name).append(' ').append(i % 2).append('\n');
        }
        Files.writeString(taskDir.resolve(split + ".txt"), list);
    }

    private static CachedBatchSource source(Path taskDir, String split, ImageCache.Options cache) {
        return new CachedBatchSource(ImageCache.load(ListSplit.read(taskDir, split, 2), ImageTransform.stretch(16),
                cache), 2, Normalization.NONE, Augmentation.NONE);
    }

    private static void fill(ModelParameter p, Random random, float std) {
        float[] values = new float[Math.toIntExact(p.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * std;
        }
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        new RawTensor(DataType.FLOAT32, p.array().getShape(), bytes).copyInto(p.array());
    }
}
