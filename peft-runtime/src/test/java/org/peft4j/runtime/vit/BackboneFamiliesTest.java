package org.peft4j.runtime.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.train.AdamW;
import org.peft4j.runtime.train.TrainStep;

/**
 * Every family against timm 1.0.12: the fixtures of {@code python/backbone_fixtures.py} (timm's
 * model of each preset with random weights, shrunk to dim 32, depth 2, 2 heads, 4 × 4 patches of
 * the preset's size) give the logits of two photos and one full fine-tuning AdamW step; timm's
 * parameter counts of the full-size models check the presets' dimensions.
 */
class BackboneFamiliesTest {

    /** Largest |logit − timm| measured over the fixtures, printed for docs/backbones.md. */
    private static float worstLogitDiff;

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void close() {
        System.out.printf("backbone families: max |logits - timm| over the fixtures = %.3g%n", worstLogitDiff);
        manager.close();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BackboneFamiliesTest.class.getClassLoader().getResource("backbones/" + name).toURI());
    }

    /** The fixture's architecture: the preset's family and patch size, timm's shrunk dimensions. */
    private static VisionTransformer fixtureModel(String preset) throws URISyntaxException {
        VisionTransformer vit = VisionTransformer.create(fixtureConfig(preset), Device.cpu());
        Checkpoints.load(vit, SafetensorsFile.read(resource(preset + ".safetensors")));
        return vit;
    }

    private static VitConfig fixtureConfig(String preset) {
        VitConfig full = VitConfig.preset(preset, 5);
        int patch = full.patchSize();
        return new VitConfig(preset, 4 * patch, patch, 32, 2, 2, 4, 5, 0f, full.family());
    }

    @Test
    void maePretrainingWeightsDropNormAndStartFcNormFreshAsMaeFineTuningDoes() throws URISyntaxException {
        TensorArchive fineTuning = SafetensorsFile.read(resource("mae-b16.safetensors"));
        Map<String, RawTensor> pretraining = new LinkedHashMap<>(fineTuning.tensors());
        pretraining.remove("fc_norm.weight");
        pretraining.remove("fc_norm.bias");
        pretraining.put("norm.weight", RawTensor.of(manager.full(new Shape(32), 2f)));
        pretraining.put("norm.bias", RawTensor.of(manager.full(new Shape(32), 3f)));
        try (VisionTransformer vit = VisionTransformer.create(fixtureConfig("mae-b16"), Device.cpu())) {
            Checkpoints.load(vit, new TensorArchive(fineTuning.file(), pretraining, fineTuning.metadata()));
            assertEquals(0f, maxAbsDiff(vit.parameters().get("fc_norm.weight").array(), manager.ones(new Shape(32))));
            assertEquals(0f, maxAbsDiff(vit.parameters().get("fc_norm.bias").array(), manager.zeros(new Shape(32))));
            assertEquals(0f, maxAbsDiff(vit.parameters().get("blocks.1.mlp.fc2.weight").array(),
                    fineTuning.get("blocks.1.mlp.fc2.weight").toNDArray(manager)));
        }
    }

    private static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vit-b32", "vit-b16-384", "dinov2-s14", "dinov2-b14-reg4", "clip-b16", "clip-l14",
        "mae-b16", "clip-micro"})
    void logitsAndOneAdamWStepMatchTimm(String preset) throws URISyntaxException {
        TensorArchive io = SafetensorsFile.read(resource(preset + "_io.safetensors"));
        try (VisionTransformer vit = fixtureModel(preset); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = io.get("input").toNDArray(manager);
            float diff = maxAbsDiff(vit.forward(x, false), io.get("logits").toNDArray(manager));
            worstLogitDiff = Math.max(worstLogitDiff, diff);
            assertTrue(diff < 1e-5f, preset + ": max |logits - timm| = " + diff);

            vit.setTrainable(name -> true, true);
            AdamW adamw = AdamW.standard(vit.parameters().where(ModelParameter::isTrainable));
            float loss = TrainStep.forwardBackward(vit, x, manager.create(new long[] {0, 1}), 1f);
            assertEquals(io.get("step1_loss").toNDArray(manager).getFloat(), loss, 1e-5f, preset + ": loss");
            adamw.step(1e-3f, 1e-4f);
            for (String key : io.tensors().keySet()) {
                if (key.startsWith("step1_") && !key.equals("step1_loss") && !key.equals("step1_logits")) {
                    String name = key.substring("step1_".length());
                    float d = maxAbsDiff(vit.parameters().get(name).array(), io.get(key).toNDArray(manager));
                    assertTrue(d < 2e-5f, preset + ": " + name + " after one step differs by " + d);
                }
            }
            float after = maxAbsDiff(vit.forward(x, false), io.get("step1_logits").toNDArray(manager));
            assertTrue(after < 5e-5f, preset + ": logits after one step differ by " + after);
        }
    }

    @Test
    void presetsHaveTimmsParameterCounts() throws IOException, URISyntaxException {
        JsonObject counts = JsonParser.parseString(Files.readString(resource("timm_parameter_counts.json")))
                .getAsJsonObject();
        assertEquals(11, counts.size());
        for (Map.Entry<String, com.google.gson.JsonElement> e : counts.entrySet()) {
            long timm = e.getValue().getAsJsonObject().get("backbone_parameters").getAsLong();
            assertEquals(timm, VitConfig.preset(e.getKey(), 1).backboneParameters(), e.getKey());
            assertEquals(e.getValue().getAsJsonObject().get("timm_model").getAsString(),
                    VitConfig.timmModel(e.getKey()).split(" ")[0], e.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dinov2-micro", "clip-micro", "dinov2-b14-reg4", "mae-b16", "vit-b32"})
    void closedFormCountEqualsTheBuiltModel(String preset) {
        VitConfig config = VitConfig.preset(preset, 7);
        try (VisionTransformer vit = VisionTransformer.create(config, Device.cpu())) {
            assertEquals(config.backboneParameters(), vit.backboneParameters(), preset);
        }
    }
}
