package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine;

/** {@code peft report --store DIR} on a store whose trials have not run: a partial report, and errors as one line. */
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsAPendingComparison() {
        ResultStore.create(dir, new ComparisonSpec(ComparisonSpec.FORMAT, "pending", ProtocolKind.STUDY,
                VitConfig.preset("vit-tiny", 1), null, "/nonexistent", Normalization.NONE,
                List.of(new TaskSpec("a", "natural", 2)),
                List.of(new MethodSpec("m", "1", "1", List.of(Map.of()))),
                List.of(1e-3), List.of(1e-4), new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, 1,
                false));
        StringWriter out = new StringWriter();
        CommandLine cli = PeftCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("report", "--store", dir.toString()));
        assertTrue(out.toString().contains("report.md"), out.toString());
        String md = read(dir.resolve("report/report.md"));
        assertTrue(md.startsWith("# pending [study protocol]"), md);
        assertTrue(md.contains("**Incomplete:**"), md);
        assertTrue(md.contains("| m      | pending |"), md);
    }

    @Test
    void aFolderWithoutComparisonIsAOneLineError() {
        StringWriter err = new StringWriter();
        CommandLine cli = PeftCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute("report", "--store", dir.resolve("none").toString()));
        assertTrue(err.toString().startsWith("peft: error: ") && err.toString().contains("holds no comparison"),
                err.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
