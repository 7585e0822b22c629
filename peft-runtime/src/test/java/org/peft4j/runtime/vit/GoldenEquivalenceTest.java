package org.peft4j.runtime.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;

/** vit-tiny in DJL against the PyTorch golden fixture made by bench/make_golden.py (torch 1.13, Debian 12). */
class GoldenEquivalenceTest {

    private static NDManager manager;
    private static TensorArchive io;

    @BeforeAll
    static void load() throws URISyntaxException {
        manager = NDManager.newBaseManager(Device.cpu());
        io = SafetensorsFile.read(resource("golden/vit_tiny_golden_io.safetensors"));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenEquivalenceTest.class.getClassLoader().getResource(name).toURI());
    }

    private static VisionTransformer goldenModel() throws URISyntaxException {
        VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", 10), Device.cpu());
        Checkpoints.load(vit, SafetensorsFile.read(resource("golden/vit_tiny_golden.safetensors")));
        return vit;
    }

    private static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void logitsMatchPyTorch() throws URISyntaxException {
        try (VisionTransformer vit = goldenModel(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = vit.forward(io.get("input").toNDArray(manager), false);
            float diff = maxAbsDiff(logits, io.get("logits").toNDArray(manager));
            assertTrue(diff < 1e-5f, "max |logits - reference| = " + diff);
        }
    }

    @Test
    void oneAdamWStepMatchesPyTorch() throws URISyntaxException {
        try (VisionTransformer vit = goldenModel(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            vit.setTrainable(name -> true, true);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            NDArray labels = manager.create(new long[] {0, 1, 2, 3});
            float loss = TrainStep.forwardBackward(vit, io.get("input").toNDArray(manager), labels, 1f);
            assertEquals(io.get("step1_loss").toNDArray(manager).getFloat(), loss, 1e-5f);
            adamw.step(1e-3f, 1e-4f);
            for (String name : new String[] {"head.weight", "blocks.0.attn.qkv.weight"}) {
                float diff = maxAbsDiff(vit.parameters().get(name).array(), io.get("step1_" + name).toNDArray(manager));
                assertTrue(diff < 2e-5f, name + " after one step: max diff " + diff);
            }
            NDArray after = vit.forward(io.get("input").toNDArray(manager), false);
            float diff = maxAbsDiff(after, io.get("step1_logits").toNDArray(manager));
            assertTrue(diff < 5e-5f, "logits after one step: max diff " + diff);
        }
    }

    /**
     * Five AdamW steps against PyTorch: checks that gradients are cleared between steps and that
     * the moments and bias corrections evolve as torch.optim.AdamW's. The expected numbers were
     * printed by torch 1.13 with bench/vit_reference.py: build_model('vit-tiny', 'full',
     * 10), the golden weights, AdamW(lr 1e-3, wd 1e-4), five steps on the golden input and labels
     * [0, 1, 2, 3]; losses before each step, then the eval logits of the first image.
     */
    @Test
    void fiveAdamWStepsMatchPyTorch() throws URISyntaxException {
        float[] losses = {2.420309066772461f, 1.1702213287353516f, 0.7249235510826111f, 0.5311400890350342f,
            0.3727172613143921f};
        float[] logits = {3.3522543907165527f, -1.3871567249298096f, -0.13013845682144165f, -1.1341896057128906f,
            0.05535152554512024f, -0.3923936188220978f, -0.1482841521501541f, -0.011559060774743557f,
            -0.24830996990203857f, -0.7901036739349365f};
        try (VisionTransformer vit = goldenModel(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            vit.setTrainable(name -> true, true);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            NDArray labels = manager.create(new long[] {0, 1, 2, 3});
            NDArray x = io.get("input").toNDArray(manager);
            for (float expected : losses) {
                assertEquals(expected, TrainStep.forwardBackward(vit, x, labels, 1f), 1e-4f);
                adamw.step(1e-3f, 1e-4f);
            }
            float[] actual = vit.forward(x, false).get(0).toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                assertEquals(logits[i], actual[i], 1e-4f, "logit " + i + " after five steps");
            }
        }
    }
}
