package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A transformers ViTForImageClassification saved by save_pretrained (in the hub-cache fixture)
 * against the logits transformers itself computed (src/test/python/make_checkpoint_fixtures.py).
 */
class TransformersVitLayoutTest {

    @TempDir
    Path dir;

    private static Path weights() {
        return HubCache.resolve("hf-hub:" + HubCacheTest.REPO, HubCacheTest.CACHE).weights();
    }

    private static TensorArchive io() throws URISyntaxException {
        return SafetensorsFile.read(Path.of(TransformersVitLayoutTest.class.getClassLoader()
                .getResource("checkpoints/transformers_vit_io.safetensors").toURI()));
    }

    @Test
    void logitsEqualTransformersOnTheSameWeights() throws URISyntaxException {
        CheckpointFile checkpoint = CheckpointReader.read(weights());
        assertEquals("transformers_vit", checkpoint.tensors().metadata().get("source_layout"));
        assertTrue(checkpoint.config().isPresent());
        TensorArchive io = io();
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-micro", 10), Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Checkpoints.load(vit, checkpoint.tensors());
            NDArray logits = vit.forward(io.get("input").toNDArray(manager), false);
            float diff = logits.sub(io.get("logits").toNDArray(manager)).abs().max().getFloat();
            System.out.println("max |logits - transformers| = " + diff + " (docs/backbones.md)");
            assertTrue(diff < 1e-5f, "max |logits - transformers| = " + diff);
        }
    }

    @Test
    void aConfigThatDisagreesWithTheTensorsIsRefused() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("model")).resolve("model.safetensors");
        Files.copy(weights(), copy);
        String config = Files.readString(weights().resolveSibling("config.json"));
        Files.writeString(copy.resolveSibling("config.json"), config.replace("\"num_hidden_layers\": 4", "\"num_hidden_layers\": 12"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(copy));
        assertTrue(e.getMessage().contains("config.json: says num_hidden_layers = 12, but " + copy
                + " has 4 for the number of encoder layers"), e.getMessage());
        Files.writeString(copy.resolveSibling("config.json"), config.replace("\"image_size\": 32", "\"image_size\": 64"));
        e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(copy));
        assertTrue(e.getMessage().contains("says image_size = 64, but " + copy + " has position_embeddings with 17 tokens"),
                e.getMessage());
    }

    @Test
    void aViTModelWithoutClassifierKeepsAFreshHeadAndDropsThePooler() {
        TensorArchive hf = SafetensorsFile.read(weights());
        Map<String, RawTensor> model = new LinkedHashMap<>();
        hf.tensors().forEach((k, v) -> {
            if (k.startsWith("vit.")) {
                model.put(k.substring(4), v);
            }
        });
        model.put("pooler.dense.weight", hf.get("classifier.weight"));
        TensorArchive timm = TransformersVitLayout.toTimm(new TensorArchive(hf.file(), model, Map.of()), java.util.Optional.empty());
        assertTrue(timm.tensors().containsKey("blocks.3.attn.qkv.weight"));
        assertTrue(!timm.tensors().containsKey("head.weight") && !timm.tensors().containsKey("pooler.dense.weight"));
        model.remove("encoder.layer.2.attention.attention.key.bias");
        model.put("encoder.layer.2.extra", hf.get("classifier.bias"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> TransformersVitLayout.toTimm(
                new TensorArchive(hf.file(), model, Map.of()), java.util.Optional.empty()));
        assertTrue(e.getMessage().contains("does not have the layout of a transformers ViTModel or ViTForImageClassification; "
                + "missing keys [encoder.layer.2.attention.attention.key.bias]; unexpected keys [encoder.layer.2.extra]"),
                e.getMessage());
    }
}
