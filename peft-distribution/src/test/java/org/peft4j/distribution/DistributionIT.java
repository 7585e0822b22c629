package org.peft4j.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built archives hold an installation that runs on its own: bin/peft (executable), bin/peft.cmd,
 * lib/ with the command line, the CPU libtorch and no build-only JARs, plugins/, conf/ with the
 * defaults, bash completion, man pages, docs and licences; and bin/peft, reached through a symbolic
 * link from another folder, finds its installation.
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("peft.version");
    private static final String BASE = System.getProperty("peft.distribution.archive");
    private static final String ROOT = "peft4j-" + VERSION + "/";

    private static final List<String> REQUIRED = List.of("bin/peft", "bin/peft.cmd", "lib/peft-cli-" + VERSION + ".jar",
            "lib/peft-runtime-" + VERSION + ".jar", "lib/peft-methods-" + VERSION + ".jar", "plugins/README.txt",
            "conf/peft-defaults.properties", "conf/log4j2.xml", "completion/peft.bash", "man/peft.adoc",
            "man/peft-compare.adoc", "man/README.txt", "docs/cli.md", "README.md", "LICENSE", "NOTICE", "CHANGELOG.md");

    @Test
    void tarGzHoldsTheInstallation() throws IOException {
        Map<String, Integer> entries = tarEntries(Path.of(BASE + ".tar.gz"));
        checkContents(entries.keySet());
        assertEquals(0755, entries.get(ROOT + "bin/peft") & 0777, "bin/peft is executable");
    }

    @Test
    void zipHoldsTheInstallation() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(BASE + ".zip")) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        checkContents(names);
    }

    @Test
    void binPeftRunsThroughASymlinkFromAnotherFolder(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "bin/peft is the Unix launcher");
        Path install = Files.createDirectories(tmp.resolve("install"));
        run(install, "tar", "-xzf", Path.of(BASE + ".tar.gz").toAbsolutePath().toString());
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path link = Files.createSymbolicLink(links.resolve("peft"), install.resolve(ROOT + "bin/peft"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        String out = run(elsewhere, link.toString(), "--version");
        assertTrue(out.contains("peft4j " + VERSION), out);
    }

    private static void checkContents(java.util.Collection<String> names) {
        for (String required : REQUIRED) {
            assertTrue(names.contains(ROOT + required), "missing " + ROOT + required);
        }
        assertTrue(names.stream().anyMatch(n -> n.matches(java.util.regex.Pattern.quote(ROOT) + "lib/pytorch-native-cpu-.*\\.jar")),
                "the CPU libtorch is in lib/");
        assertTrue(names.stream().noneMatch(n -> n.contains("picocli-codegen") || n.contains("junit")),
                "build-only JARs stay out of lib/");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** Names and modes of a tar.gz's entries (ustar, with POSIX and GNU long names). */
    private static Map<String, Integer> tarEntries(Path archive) throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) {
                    break;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] data = type == 'x' || type == 'L' ? in.readNBytes((int) size) : null;
                skip(in, (data == null ? size : 0) + padding(size));
                if (type == 'L') {
                    longName = text(data, 0, data.length);
                    continue;
                }
                if (type == 'x') {
                    for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
                        int eq = record.indexOf(" path=");
                        if (eq >= 0) {
                            longName = record.substring(eq + 6);
                        }
                    }
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                String prefix = text(header, 345, 155);
                String name = longName != null ? longName
                        : (prefix.isEmpty() ? "" : prefix + "/") + text(header, 0, 100);
                longName = null;
                entries.put(name, (int) octal(header, 100, 8));
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private static long padding(long size) {
        return (512 - size % 512) % 512;
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
        String digits = text(bytes, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

}
