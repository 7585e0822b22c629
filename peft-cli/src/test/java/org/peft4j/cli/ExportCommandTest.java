package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.vit.VitConfig;

/**
 * {@code peft export --format hf-peft}: the structure Hugging Face peft reads (checked against
 * peft 0.21.2 by {@code python/interop_check.py}), without Python.
 */
class ExportCommandTest {

    private static final int RANK = 4;
    private static final VitConfig MICRO = VitConfig.preset("vit-micro", 3);

    @TempDir
    Path dir;

    @Test
    void loraBecomesAPeftLoraAdapterOnQkvWithScalingOne() throws IOException {
        Map<String, RawTensor> tensors = loraTensors();
        Path adapter = adapter("lora", tensors);
        Path out = dir.resolve("hf");

        String printed = Cli.run("export", "--format", "hf-peft", "--adapter", adapter.toString(),
                "--output", out.toString()).ok();

        assertTrue(printed.contains("adapter_config.json"), printed);
        JsonObject config = JsonParser.parseString(Files.readString(out.resolve("adapter_config.json"))).getAsJsonObject();
        assertEquals("LORA", config.get("peft_type").getAsString());
        assertEquals(RANK, config.get("r").getAsInt());
        assertEquals(RANK, config.get("lora_alpha").getAsInt(), "lora_alpha = r makes peft's scaling exactly 1");
        assertEquals(0.1, config.get("lora_dropout").getAsDouble());
        assertEquals("[\"qkv\"]", config.get("target_modules").toString());
        assertEquals("[\"head\"]", config.get("modules_to_save").toString());
        assertEquals("none", config.get("bias").getAsString());
        assertEquals(false, config.get("use_rslora").getAsBoolean());
        assertEquals(false, config.get("use_dora").getAsBoolean());
        assertEquals(false, config.get("fan_in_fan_out").getAsBoolean());

        TensorArchive weights = SafetensorsFile.read(out.resolve("adapter_model.safetensors"));
        int d = MICRO.dim();
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (int i = 0; i < MICRO.depth(); i++) {
            expected.put("base_model.model.blocks." + i + ".attn.qkv.lora_A.weight", new Shape(RANK, d));
            expected.put("base_model.model.blocks." + i + ".attn.qkv.lora_B.weight", new Shape(3L * d, RANK));
        }
        expected.put("base_model.model.head.weight", new Shape(3, d));
        expected.put("base_model.model.head.bias", new Shape(3));
        assertEquals(expected.keySet(), weights.tensors().keySet());
        expected.forEach((name, shape) -> assertEquals(shape, weights.get(name).shape(), name));
        assertEquals(tensors.get("blocks.2.attn.lora.lora_b.weight").data(),
                weights.get("base_model.model.blocks.2.attn.qkv.lora_B.weight").data(), "copied bit for bit");
    }

    @Test
    void aMethodWithoutAnExactPeftEquivalentIsRefusedInOneSentence() {
        Path adapter = adapter("bitfit", Map.of(), Map.of("head.bias", tensor(3)));

        String error = Cli.run("export", "--format", "hf-peft", "--adapter", adapter.toString(),
                "--output", dir.resolve("hf").toString()).failsWith(1);

        assertTrue(error.contains("method 'bitfit' has no Hugging Face peft equivalent"), error);
        assertTrue(Files.notExists(dir.resolve("hf")), "nothing written");
    }

    @Test
    void aTensorWithoutAPlaceInThePeftFormIsRefusedRatherThanDropped() {
        Map<String, RawTensor> tensors = loraTensors();
        tensors.put("blocks.0.norm1.weight", tensor(MICRO.dim()));
        Path adapter = adapter("lora", tensors);

        String error = Cli.run("export", "--format", "hf-peft", "--adapter", adapter.toString(),
                "--output", dir.resolve("hf").toString()).failsWith(1);

        assertTrue(error.contains("tensors [blocks.0.norm1.weight] have no place in the Hugging Face peft form of "
                + "method 'lora'"), error);
        assertTrue(Files.notExists(dir.resolve("hf")), "nothing written");
    }

    @Test
    void aMissingTensorIsNamed() {
        Map<String, RawTensor> tensors = loraTensors();
        tensors.remove("blocks.3.attn.lora.lora_b.weight");
        Path adapter = adapter("lora", tensors);

        String error = Cli.run("export", "--format", "hf-peft", "--adapter", adapter.toString(),
                "--output", dir.resolve("hf").toString()).failsWith(1);

        assertTrue(error.contains("method 'lora' cannot be written as a Hugging Face peft adapter: the file has no "
                + "tensor 'blocks.3.attn.lora.lora_b.weight'"), error);
    }

    @Test
    void anUnknownFormatIsRefused() {
        String error = Cli.run("export", "--format", "onnx", "--adapter", "a.safetensors", "--output", "x").failsWith(1);

        assertTrue(error.contains("unknown --format 'onnx'; the only format is 'hf-peft'"), error);
    }

    private static Map<String, RawTensor> loraTensors() {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        int d = MICRO.dim();
        for (int i = 0; i < MICRO.depth(); i++) {
            tensors.put("blocks." + i + ".attn.lora.lora_a.weight", tensor(RANK, d));
            tensors.put("blocks." + i + ".attn.lora.lora_b.weight", tensor(3L * d, RANK));
        }
        tensors.put("head.weight", tensor(3, d));
        tensors.put("head.bias", tensor(3));
        return tensors;
    }

    private Path adapter(String method, Map<String, RawTensor> tensors) {
        return adapter(method, Map.of("rank", String.valueOf(RANK), "dropout", "0.1"), tensors);
    }

    private Path adapter(String method, Map<String, String> hyperparameters, Map<String, RawTensor> tensors) {
        Path file = dir.resolve(method + ".safetensors");
        AdapterMetadata metadata = new AdapterMetadata(method, "1", "1", hyperparameters, "0".repeat(64), MICRO, false,
                Preprocessing.forRun(MICRO.name(), MICRO.imageSize(), Normalization.NONE));
        SafetensorsFile.writeRaw(file, tensors, metadata.toStrings());
        return file;
    }

    /** A float32 tensor with distinct values, so a copy can be told from a fresh one. */
    private static RawTensor tensor(long... dims) {
        Shape shape = new Shape(dims);
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(shape.size() * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < shape.size(); i++) {
            data.putFloat(i * 0.001f - 0.5f);
        }
        return new RawTensor(DataType.FLOAT32, shape, data.flip());
    }
}
