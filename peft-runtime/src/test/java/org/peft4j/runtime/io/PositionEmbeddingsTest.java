package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Resampling against timm 1.0.12's own resample_abs_pos_embed on small grids
 * (src/test/python/make_checkpoint_fixtures.py), and on loading a checkpoint into a model of
 * another input size.
 */
class PositionEmbeddingsTest {

    private static TensorArchive reference() throws URISyntaxException {
        return SafetensorsFile.read(Path.of(PositionEmbeddingsTest.class.getClassLoader()
                .getResource("checkpoints/pos_embed_resample.safetensors").toURI()));
    }

    private static float maxDiff(RawTensor a, RawTensor b) {
        assertEquals(b.shape(), a.shape());
        FloatBuffer x = a.toFloat32().data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        FloatBuffer y = b.toFloat32().data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float max = 0;
        while (x.hasRemaining()) {
            max = Math.max(max, Math.abs(x.get() - y.get()));
        }
        return max;
    }

    private static void within(RawTensor ours, RawTensor timm, String what) {
        float diff = maxDiff(ours, timm);
        System.out.println("resample " + what + ": max |peft4j - timm| = " + diff + " (docs/backbones.md)");
        assertTrue(diff < 1e-5f, what + ": max |peft4j - timm| = " + diff);
    }

    @Test
    void upAndDownAndNonSquareAsTimm() throws URISyntaxException {
        TensorArchive ref = reference();
        RawTensor posemb = ref.get("posemb");
        within(PositionEmbeddings.resample(posemb, 1, 4, 4, 7, 7), ref.get("to_7x7"), "4x4 to 7x7");
        within(PositionEmbeddings.resample(posemb, 1, 4, 4, 3, 3), ref.get("to_3x3"), "4x4 to 3x3");
        within(PositionEmbeddings.resample(posemb, 1, 4, 4, 6, 4), ref.get("to_6x4"), "4x4 to 6x4");
        within(PositionEmbeddings.resample(ref.get("posemb_reg"), 5, 4, 4, 5, 5), ref.get("reg_to_5x5"), "4x4 to 5x5, 5 prefix tokens");
        assertEquals(0f, maxDiff(PositionEmbeddings.resample(posemb, 1, 4, 4, 4, 4), posemb));
    }

    @Test
    void aWrongTokenCountIsRefused() throws URISyntaxException {
        RawTensor posemb = reference().get("posemb");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PositionEmbeddings.resample(posemb, 1, 5, 5, 7, 7));
        assertTrue(e.getMessage().contains("(1, 17, 6) is not (1, 1 + 5×5, dim)"), e.getMessage());
    }

    @Test
    void aCheckpointLoadsIntoAModelOfAnotherInputSize() {
        Path weights = HubCache.resolve("hf-hub:" + HubCacheTest.REPO, HubCacheTest.CACHE).weights();
        CheckpointFile checkpoint = CheckpointReader.read(weights);
        RawTensor file = checkpoint.tensors().get("pos_embed");
        assertEquals(new Shape(1, 17, 96), file.shape());
        VitConfig at56 = new VitConfig("vit-micro", 56, 8, 96, 4, 4, 4, 10, 0f);
        try (VisionTransformer vit = VisionTransformer.create(at56, Device.cpu())) {
            Checkpoints.load(vit, checkpoint.tensors());
            RawTensor loaded = RawTensor.of(vit.parameters().get("pos_embed").array());
            assertEquals(0f, maxDiff(loaded, PositionEmbeddings.resample(file, 1, 4, 4, 7, 7)));
            assertEquals(0f, maxDiff(RawTensor.of(vit.parameters().get("blocks.0.attn.qkv.weight").array()),
                    checkpoint.tensors().get("blocks.0.attn.qkv.weight")));
        }
    }
}
