package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;

/**
 * {@code peft import --format hf-peft} on the committed folder that {@code python/interop_check.py}
 * exported and peft 0.21.2 loaded, and on variants of it, without Python.
 */
class ImportCommandTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "interop", "hf-peft-vit-micro-r4");

    @TempDir
    Path dir;

    @Test
    void thePeftAdapterBecomesALoraAdapterAndExportsBackToTheSameFiles() throws IOException {
        Path base = base();
        Path imported = dir.resolve("imported.safetensors");

        Cli.run("import", "--format", "hf-peft", FIXTURE.toString(), "--base", base.toString(), "--model", "vit-micro",
                "--output", imported.toString()).ok();
        Cli.run("export", "--format", "hf-peft", "--adapter", imported.toString(), "--output", dir.resolve("again").toString()).ok();

        AdapterMetadata metadata = AdapterFiles.readMetadata(imported);
        assertEquals("lora", metadata.method());
        assertEquals("4", metadata.hyperparameters().get("rank"));
        assertEquals(3, metadata.model().numClasses());
        assertEquals(JsonParser.parseString(Files.readString(FIXTURE.resolve("adapter_config.json"))),
                JsonParser.parseString(Files.readString(dir.resolve("again/adapter_config.json"))));
        TensorArchive golden = SafetensorsFile.read(FIXTURE.resolve("adapter_model.safetensors"));
        TensorArchive again = SafetensorsFile.read(dir.resolve("again/adapter_model.safetensors"));
        assertEquals(golden.tensors().keySet(), again.tensors().keySet());
        golden.tensors().forEach((name, t) -> assertEquals(t.data(), again.get(name).data(), name));
    }

    @Test
    void loraAlphaIsFoldedIntoB() throws IOException {
        Path folder = copyOfFixture("\"lora_alpha\": 4", "\"lora_alpha\": 8");
        Path imported = dir.resolve("imported.safetensors");

        Cli.run("import", "--format", "hf-peft", folder.toString(), "--base", base().toString(), "--model", "vit-micro",
                "--output", imported.toString()).ok();

        RawTensor b = SafetensorsFile.read(FIXTURE.resolve("adapter_model.safetensors"))
                .get("base_model.model.blocks.1.attn.qkv.lora_B.weight");
        RawTensor folded = SafetensorsFile.read(imported).get("blocks.1.attn.lora.lora_b.weight");
        assertEquals(2 * b.data().getFloat(12), folded.data().getFloat(12), "scaling lora_alpha / r = 2");
    }

    @Test
    void loraOnAnotherLayerIsRefusedWithTheReason() throws IOException {
        Path folder = copyOfFixture("\"qkv\"", "\"qkv\", \"fc1\"");
        Map<String, RawTensor> tensors = new LinkedHashMap<>(SafetensorsFile.read(folder.resolve("adapter_model.safetensors")).tensors());
        tensors.put("base_model.model.blocks.0.mlp.fc1.lora_A.weight", zeros(4, 96));
        SafetensorsFile.writeRaw(folder.resolve("adapter_model.safetensors"), tensors, Map.of("format", "pt"));

        String error = Cli.run("import", "--format", "hf-peft", folder.toString(), "--base", base().toString(),
                "--model", "vit-micro", "--output", dir.resolve("x.safetensors").toString()).failsWith(1);

        assertTrue(error.contains("'base_model.model.blocks.0.mlp.fc1.lora_A.weight' is not LoRA on a qkv layer"), error);
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }

    @Test
    void anotherPeftTypeIsRefused() throws IOException {
        Path folder = copyOfFixture("\"LORA\"", "\"IA3\"");

        String error = Cli.run("import", "--format", "hf-peft", folder.toString(), "--base", base().toString(),
                "--model", "vit-micro", "--output", dir.resolve("x.safetensors").toString()).failsWith(1);

        assertTrue(error.contains("peft_type is IA3, but only LORA adapters can be imported"), error);
    }

    private Path copyOfFixture(String from, String to) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("hf"));
        Files.copy(FIXTURE.resolve("adapter_model.safetensors"), folder.resolve("adapter_model.safetensors"));
        Files.writeString(folder.resolve("adapter_config.json"),
                Files.readString(FIXTURE.resolve("adapter_config.json")).replace(from, to));
        return folder;
    }

    /** A stand-in base: only its SHA-256 and head matter to the import. */
    private Path base() {
        Path file = dir.resolve("base.safetensors");
        SafetensorsFile.writeRaw(file, Map.of("head.weight", zeros(3, 96), "head.bias", zeros(3)), Map.of("format", "pt"));
        return file;
    }

    private static RawTensor zeros(long... dims) {
        Shape shape = new Shape(dims);
        return new RawTensor(DataType.FLOAT32, shape,
                ByteBuffer.allocate(Math.toIntExact(shape.size() * 4)).order(ByteOrder.LITTLE_ENDIAN));
    }
}
