package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;

/** methods, count and inspect on known inputs. */
class InspectAndCountTest {

    @TempDir
    Path dir;

    @Test
    void methodsListsEveryBuiltInMethodWithItsHyperparameters() {
        String out = Cli.run("methods", "--plugins", dir.resolve("none").toString()).ok();
        for (String name : new String[] {"linear", "full", "ln", "bitfit", "difffit", "ssf", "vpt_shallow", "vpt_deep",
                "vqt", "selective", "lora", "adaptformer", "pfeiffer", "houlsby", "convpass", "repadapter", "fact_tt",
                "fact_tk"}) {
            assertTrue(out.contains("\n" + name + "  (version ") || out.startsWith(name + "  (version "), name);
        }
        assertTrue(out.contains("    rank     int     default 8    range [1, 4096]   grid [1, 8, 16, 32]"), out);
        assertTrue(out.contains("  citation: Hu et al., LoRA: Low-Rank Adaptation of Large Language Models, ICLR 2022"), out);
        assertTrue(out.contains("18 of 18 methods shown"), out);
        assertTrue(!out.contains("warning:"), out);
    }

    @Test
    void countAgreesWithTheClosedFormOnVitTiny() {
        String out = Cli.run("count", "--model", "vit-tiny", "--method", "lora", "--set", "rank=4").ok();
        assertTrue(out.contains("inserted parameters  18,432 (counted on the model)"), out);
        assertTrue(out.contains("closed form          18,432"), out);
        assertTrue(out.contains("share of backbone    "), out);
        String bitfit = Cli.run("count", "--model", "vit-tiny", "--method", "bitfit").ok();
        assertTrue(bitfit.contains("inserted parameters  "), bitfit);
    }

    @Test
    void inspectListsTensorsMetadataAndTheChecksum() {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", new RawTensor(DataType.FLOAT32, new Shape(2, 3), ByteBuffer.allocate(24)));
        tensors.put("b", new RawTensor(DataType.FLOAT16, new Shape(5), ByteBuffer.allocate(10)));
        Path file = dir.resolve("t.safetensors");
        SafetensorsFile.writeRaw(file, tensors, Map.of("note", "hello"));
        String out = Cli.run("inspect", file.toString()).ok();
        assertTrue(out.contains("format      safetensors"), out);
        assertTrue(out.contains("sha256      " + CheckpointReader.sha256(file)), out);
        assertTrue(out.contains("tensors     2\nparameters  11\n"), out);
        assertTrue(out.contains("  note = hello"), out);
        assertTrue(out.contains("  a.weight  float32  [2, 3]  6\n  b         float16  [5]     5"), out);
        assertEquals(-1, out.indexOf("adapter:"));
    }

    @Test
    void inspectShowsAnNpzWithItsOwnNames() throws IOException {
        Path npz = dir.resolve("flax.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("Transformer/encoder_norm/scale.npy"));
            zip.write(npy("<f4", "(3,)", new byte[12]));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("embedding/kernel.npy"));
            zip.write(npy("<f4", "(1, 1, 3, 2)", new byte[24]));
            zip.closeEntry();
        }
        String out = Cli.run("inspect", npz.toString()).ok();
        assertTrue(out.contains("format      npz"), out);
        assertTrue(out.contains("tensors     2\nparameters  9\n"), out);
        assertTrue(out.contains("Transformer/encoder_norm/scale") && out.contains("[1, 1, 3, 2]"), out);
    }

    /** A NumPy .npy file (format 1.0) holding the given little-endian bytes. */
    private static byte[] npy(String dtype, String shape, byte[] data) throws IOException {
        String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int padded = (10 + header.length() + 1 + 63) / 64 * 64 - 10;
        header = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) padded, (byte) (padded >> 8)});
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        return out.toByteArray();
    }
}
