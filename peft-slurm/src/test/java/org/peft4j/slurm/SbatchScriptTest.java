package org.peft4j.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.run.WorkerCommand;

/** The generated batch script, run by bash with a stand-in for java, and the jobs file. */
class SbatchScriptTest {

    private static final SlurmOptions OPTIONS = new SlurmOptions("gpu", "gpu:1", "01:00:00", "", List.of("--qos=low"),
            2, Duration.ofSeconds(30));

    /** A script whose "java" prints its arguments, for trials a and b. */
    private static Path script(Path dir, Path store, String classPath) throws Exception {
        return script(dir, store, classPath, "my comparison");
    }

    private static Path script(Path dir, Path store, String classPath, String name) throws Exception {
        Path java = dir.resolve("bin dir").resolve("java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"OMP=$OMP_NUM_THREADS MKL=$MKL_CBWR\"; for a; do echo \"[$a]\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        WorkerCommand command = new WorkerCommand(java.toString(), classPath, List.of("-Xmx1g"), "org.example.Main",
                List.of("--threads", "2"), Map.of());
        String text = new SbatchScript(command, 2, List.of(dir), OPTIONS).text(store, name, List.of("a", "b"),
                Map.of("MKL_CBWR", "AUTO,STRICT"));
        Path file = dir.resolve("array-1.sbatch");
        Files.writeString(file, text);
        return file;
    }

    private static String runTask(Path script, int index) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("SLURM_ARRAY_TASK_ID", String.valueOf(index), "SLURM_ARRAY_JOB_ID", "12"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out + "exit " + p.exitValue();
    }

    @Test
    void theScriptHoldsTheSbatchOptionsAndRunsTheTrialOfItsArrayTask(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path jar = Files.createFile(dir.resolve("peft.jar"));
        Path script = script(dir, store, jar + ":" + dir);
        String text = Files.readString(script);
        assertTrue(text.contains("#SBATCH --job-name=peft4j-my_comparison\n#SBATCH --array=0-1\n#SBATCH --output="
                + store.resolve("logs/slurm-%A_%a.log") + "\n#SBATCH --open-mode=append\n#SBATCH --partition=gpu\n"
                + "#SBATCH --gres=gpu:1\n#SBATCH --time=01:00:00\n#SBATCH --qos=low\n"), text);
        String out = runTask(script, 1);
        assertTrue(out.startsWith("peft4j: trial b, job 12_1 on "), out);
        assertTrue(out.contains("OMP=2 MKL=AUTO,STRICT\n[-Xmx1g]\n[-cp]\n[" + jar + ":" + dir + "]\n[org.example.Main]\n"
                + "[trial]\n[--store]\n[" + store + "]\n[--threads]\n[2]\n[--id]\n[b]\n[--take-over]\nexit 0"), out);
    }

    @Test
    void aTaskStopsWithAMessageWhenAPathIsNotVisible(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path missingJar = dir.resolve("gone.jar");
        String out = runTask(script(dir, store, missingJar.toString()), 0);
        assertTrue(out.contains("peft4j: class path entry " + missingJar + " is not visible on "), out);
        assertTrue(out.endsWith("exit 2"), out);
        Files.delete(store);
        out = runTask(script(dir, store, dir.toString()), 0);
        assertTrue(out.contains("peft4j: path " + store + " is not visible on "), out);
    }

    private static final String HOSTILE = "st ore 'q' \"dq\" $HOME `touch pwned` $(touch pwned2) #x";

    @Test
    void hostilePathsReachTheTrialAsSingleLiteralWords(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve(HOSTILE));
        Path jar = Files.createFile(dir.resolve("a jar 'x' $y `z`.jar"));
        Path script = script(dir, store, jar + ":" + dir, "my comparison 2");
        Process syntax = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertTrue(syntax.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, syntax.exitValue(), new String(syntax.getInputStream().readAllBytes()));
        String out = runTask(script, 0);
        assertTrue(out.contains("[-cp]\n[" + jar + ":" + dir + "]\n"), out);
        assertTrue(out.contains("[--store]\n[" + store + "]\n"), out);
        assertTrue(out.endsWith("[--id]\n[a]\n[--take-over]\nexit 0"), out);
        assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(dir.resolve("pwned2")));
        assertFalse(Files.exists(Path.of("pwned")) || Files.exists(Path.of("pwned2")));
        String output = Files.readString(script).lines().filter(l -> l.startsWith("#SBATCH --output=")).findFirst()
                .orElseThrow();
        assertEquals("--output=" + store.resolve("logs/slurm-%A_%a.log"), sbatchArgument(output.substring(8)));
    }

    @Test
    void namesAndPathsThatCouldBreakOutOfTheScriptAreRefusedInOneSentence(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        for (String name : List.of("x\nrm -rf ~", "x$(id)", "x`id`", "x'y", "x\"y", "", "-x")) {
            SlurmException e = assertThrows(SlurmException.class, () -> script(dir, store, dir.toString(), name));
            assertTrue(e.getMessage().startsWith("the comparison name '") && e.getMessage().endsWith("with --name")
                    && !e.getMessage().contains("\n"), e.getMessage());
        }
        SlurmException e = assertThrows(SlurmException.class,
                () -> script(dir, dir.resolve("a\nb"), dir.toString()));
        assertTrue(e.getMessage().contains("a\\u000Ab") && e.getMessage().contains("control character"), e.getMessage());
        for (String bad : List.of("gpu\nsrun rm -rf ~", "gpu\r", "gpu\u0000")) {
            e = assertThrows(SlurmException.class,
                    () -> new SlurmOptions(bad, "", "", "", List.of(), 0, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith("slurm.partition = 'gpu\\u00"), e.getMessage());
            e = assertThrows(SlurmException.class,
                    () -> new SlurmOptions("", "", "", "", List.of(bad), 0, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith("slurm.sbatch_options = "), e.getMessage());
        }
    }

    /** An #SBATCH argument as sbatch reads it: quotes group, backslash escapes, unquoted # ends the line. */
    private static String sbatchArgument(String line) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                out.append(line.charAt(++i));
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    out.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' || Character.isWhitespace(c)) {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void theJobsFileKeepsEverySubmissionInOrder(@TempDir Path dir) throws Exception {
        JobsFile jobs = new JobsFile(dir);
        assertTrue(!jobs.exists() && jobs.read().isEmpty());
        JobEntry a = new JobEntry("a", "12_0", 1, Instant.parse("2026-12-03T07:00:00Z"));
        JobEntry b = new JobEntry("a", "13_0", 2, Instant.parse("2026-12-03T07:05:00.123Z"));
        jobs.append(List.of(a));
        jobs.append(List.of(b));
        assertEquals(List.of(a, b), jobs.read());
        assertEquals("trial\tjob\tattempt\tsubmitted\na\t12_0\t1\t2026-12-03T07:00:00Z\na\t13_0\t2\t2026-12-03T07:05:00.123Z\n",
                Files.readString(dir.resolve("slurm/jobs.tsv")));
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextAppendStaysReadable(@TempDir Path dir) throws Exception {
        JobsFile jobs = new JobsFile(dir);
        JobEntry a = new JobEntry("a", "12_0", 1, Instant.parse("2026-12-03T07:00:00Z"));
        JobEntry b = new JobEntry("b", "14_0", 1, Instant.parse("2026-12-03T07:10:00Z"));
        jobs.append(List.of(a));
        // the coordinator was killed while appending
        Files.writeString(dir.resolve("slurm/jobs.tsv"), "b\t13_", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(a), jobs.read(), "a line still being appended is left out");
        jobs.append(List.of(b));
        assertEquals(List.of(a, b), jobs.read(), "the torn fragment is skipped, not a reason to stop the coordinator");
    }
}
