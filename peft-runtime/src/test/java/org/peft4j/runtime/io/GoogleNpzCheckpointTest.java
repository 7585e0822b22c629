package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A Google-layout npz and a timm-named safetensors file written from the same random vit-tiny
 * weights (the npz through the inverse of docs/methods.md#checkpoint-conversion, computed here with DJL ops) load to
 * bit-identical parameters and logits.
 */
class GoogleNpzCheckpointTest {

    /** How an export names and stores its arrays. */
    enum Layout {
        GOOGLE("", false, false, false, 1),
        OPT_TARGET("opt/target/", false, true, false, 2),
        BIG_VISION("params/", true, false, true, 1);

        final String prefix;
        final boolean bigVision;
        final boolean compressed;
        final boolean float64;
        final int npyVersion;

        Layout(String prefix, boolean bigVision, boolean compressed, boolean float64, int npyVersion) {
            this.prefix = prefix;
            this.bigVision = bigVision;
            this.compressed = compressed;
            this.float64 = float64;
            this.npyVersion = npyVersion;
        }
    }

    private static final VitConfig TINY = VitConfig.preset("vit-tiny", 10);

    @TempDir
    static Path dir;

    private static VisionTransformer source;
    private static NDManager manager;
    private static Path safetensors;

    @BeforeAll
    static void writeSource() {
        manager = NDManager.newBaseManager(Device.cpu());
        Engine.getInstance().setRandomSeed(3);
        source = VisionTransformer.create(TINY, Device.cpu());
        Map<String, NDArray> backbone = new LinkedHashMap<>();
        for (ModelParameter p : source.parameters().where(p -> p.isBase() && !p.name().startsWith("head."))) {
            // perturb every tensor so that ones, zeros and symmetric layouts cannot hide a wrong mapping
            NDArray noisy = p.array().add(manager.randomNormal(0f, 0.05f, p.array().getShape(), p.array().getDataType()));
            p.array().set(noisy.toFloatArray());
            backbone.put(p.name(), p.array());
        }
        safetensors = dir.resolve("tiny.safetensors");
        SafetensorsFile.write(safetensors, backbone, Map.of());
    }

    @AfterAll
    static void close() {
        source.close();
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void npzAndSafetensorsGiveIdenticalWeightsAndLogits(Layout layout) throws IOException {
        Path npz = dir.resolve(layout + ".npz");
        googleWriter(layout).write(npz, layout.compressed);
        try (VisionTransformer fromSafetensors = fresh(); VisionTransformer fromNpz = fresh();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            assertEquals(CheckpointFormat.SAFETENSORS, Checkpoints.load(fromSafetensors, safetensors).format());
            CheckpointFile file = Checkpoints.load(fromNpz, npz);
            assertEquals(CheckpointFormat.NPZ, file.format());
            assertEquals(64, file.sha256().length());
            for (ModelParameter p : source.parameters().where(ModelParameter::isBase)) {
                if (!p.name().startsWith("head.")) {
                    assertArrayEquals(p.array().toFloatArray(), fromNpz.parameters().get(p.name()).array().toFloatArray(),
                            p.name());
                }
            }
            Engine.getInstance().setRandomSeed(11);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(2, 3, 32, 32));
            assertArrayEquals(fromSafetensors.forward(images, false).toFloatArray(),
                    fromNpz.forward(images, false).toFloatArray());
        }
    }

    @Test
    void missingAndUnknownArraysAreListed() throws IOException {
        Path npz = dir.resolve("broken.npz");
        googleWriter(Layout.GOOGLE)
                .remove("Transformer/encoderblock_0/LayerNorm_0/scale.npy")
                .add("Transformer/encoderblock_0/Extra/kernel", value("norm.bias"))
                .write(npz, false);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(npz));
        assertTrue(e.getMessage().contains("missing keys [Transformer/encoderblock_0/LayerNorm_0/scale]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [Transformer/encoderblock_0/Extra/kernel]"), e.getMessage());
    }

    @Test
    void anNpzWithoutViTIsRejected() throws IOException {
        Path npz = dir.resolve("other.npz");
        new NpzWriter().add("weights", source.parameters().get("norm.bias").array()).write(npz, true);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(npz));
        assertTrue(e.getMessage().contains("not a Google ViT checkpoint"), e.getMessage());
    }

    private static VisionTransformer fresh() {
        Engine.getInstance().setRandomSeed(5);
        return VisionTransformer.create(TINY, Device.cpu());
    }

    /** The inverse of docs/methods.md#checkpoint-conversion, applied to the source weights. */
    private static NpzWriter googleWriter(Layout layout) {
        NpzWriter w = new NpzWriter();
        String p = layout.prefix;
        int d = TINY.dim();
        int heads = TINY.heads();
        int hd = d / heads;
        Writer put = (key, array) -> w.add(p + key, array, layout.float64, layout.npyVersion);
        put.add("embedding/kernel", value("patch_embed.proj.weight").transpose(2, 3, 1, 0));
        put.add("embedding/bias", value("patch_embed.proj.bias"));
        put.add("cls", value("cls_token"));
        put.add(layout.bigVision ? "pos_embedding" : "Transformer/posembed_input/pos_embedding", value("pos_embed"));
        String mha = layout.bigVision ? "MultiHeadDotProductAttention_0/" : "MultiHeadDotProductAttention_1/";
        String mlp = layout.bigVision ? "MlpBlock_0/" : "MlpBlock_3/";
        String ln2 = layout.bigVision ? "LayerNorm_1/" : "LayerNorm_2/";
        for (int i = 0; i < TINY.depth(); i++) {
            String src = "blocks." + i + ".";
            String dst = "Transformer/encoderblock_" + i + "/";
            put.add(dst + "LayerNorm_0/scale", value(src + "norm1.weight"));
            put.add(dst + "LayerNorm_0/bias", value(src + "norm1.bias"));
            String[] names = {"query", "key", "value"};
            for (int s = 0; s < 3; s++) {
                NDIndex rows = new NDIndex("{}:{}", s * d, (s + 1) * d);
                put.add(dst + mha + names[s] + "/kernel",
                        value(src + "attn.qkv.weight").get(rows).transpose(1, 0).reshape(d, heads, hd));
                put.add(dst + mha + names[s] + "/bias", value(src + "attn.qkv.bias").get(rows).reshape(heads, hd));
            }
            put.add(dst + mha + "out/kernel", value(src + "attn.proj.weight").reshape(d, heads, hd).transpose(1, 2, 0));
            put.add(dst + mha + "out/bias", value(src + "attn.proj.bias"));
            put.add(dst + ln2 + "scale", value(src + "norm2.weight"));
            put.add(dst + ln2 + "bias", value(src + "norm2.bias"));
            put.add(dst + mlp + "Dense_0/kernel", value(src + "mlp.fc1.weight").transpose(1, 0));
            put.add(dst + mlp + "Dense_0/bias", value(src + "mlp.fc1.bias"));
            put.add(dst + mlp + "Dense_1/kernel", value(src + "mlp.fc2.weight").transpose(1, 0));
            put.add(dst + mlp + "Dense_1/bias", value(src + "mlp.fc2.bias"));
        }
        put.add("Transformer/encoder_norm/scale", value("norm.weight"));
        put.add("Transformer/encoder_norm/bias", value("norm.bias"));
        // a 21k-class head and a pre-logits layer, both skipped; and optimizer state outside the prefix
        put.add("head/kernel", manager.zeros(new Shape(d, 7)));
        put.add("head/bias", manager.zeros(new Shape(7)));
        put.add("pre_logits/kernel", manager.zeros(new Shape(d, d)));
        if (!p.isEmpty()) {
            w.add("opt/state/step", manager.zeros(new Shape(1)));
        }
        return w;
    }

    private static NDArray value(String name) {
        return source.parameters().get(name).array();
    }

    @FunctionalInterface
    private interface Writer {
        void add(String key, NDArray array);
    }
}
