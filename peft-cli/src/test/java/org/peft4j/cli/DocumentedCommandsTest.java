package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command line of {@code docs/cli.md} that sits in a {@code ```sh tested} block, in
 * document order, in this JVM, inside a workspace holding the files the documentation names
 * ({@code tiny-task/}, {@code broken-task/}, {@code photos/}). A line may end in {@code # exit N};
 * otherwise it must succeed. A {@code ```text output} block right after a tested block lists lines
 * that the block's last command must print, in order ({@code ...} alone skips any lines, at the end
 * of a line it matches any rest); a
 * {@code ```properties workspace:NAME} block is written to the workspace as file NAME first. So the
 * documentation cannot drift from the code.
 */
class DocumentedCommandsTest {

    private static final Path DOC = Path.of("..", "docs", "cli.md");
    private static final Pattern EXIT = Pattern.compile("\\s+#\\s*exit\\s+(\\d+)\\s*$");
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(safetensors|csv|properties|npz|png|jpg|txt|json)$");
    private static final List<String> WORKSPACE = List.of("tiny-task", "broken-task", "photos", "plugins", "runs");

    @TempDir
    static Path workspace;

    /** A documented command line with what it must do. */
    private record Documented(int line, List<String> args, int exit, List<String> output) {}

    @BeforeAll
    static void createTheWorkspace() throws IOException {
        TinyData.task(workspace.resolve("tiny-task"));
        TinyData.photos(workspace.resolve("photos"), 3);
        Path broken = TinyData.task(workspace.resolve("broken-task"));
        Files.writeString(broken.resolve("images/3.png"), "not an image");
        TinyData.list(broken.resolve("train800.txt"), List.of("images/0.png 0", "images/1.png one", "images/2.png 1",
                "images/3.png 1", "../../secret.png 0", "images/5.png 1", "images/6.png 0", "images/7.png 1"));
        Files.createDirectories(workspace.resolve("plugins"));
    }

    @TestFactory
    Stream<DynamicTest> everyTestedCommandOfTheDocumentationRuns() throws IOException {
        List<String> doc = Files.readAllLines(DOC);
        writeWorkspaceFiles(doc);
        List<Documented> commands = parse(doc);
        assertTrue(commands.size() >= 10, "tested commands found in " + DOC + ": " + commands.size());
        return commands.stream().map(c -> DynamicTest.dynamicTest("cli.md line " + c.line() + ": peft "
                + String.join(" ", c.args()), () -> run(c)));
    }

    private static void run(Documented command) {
        Cli.Result result = Cli.run(command.args().stream().map(DocumentedCommandsTest::inWorkspace).toArray(String[]::new));
        assertEquals(command.exit(), result.exit(), () -> "exit code of cli.md line " + command.line() + "\nstdout:\n"
                + result.out() + "\nstderr:\n" + result.err());
        List<String> printed = result.out().replace(workspace + "/", "").lines().map(String::stripTrailing).toList();
        int at = 0;
        for (String expected : command.output()) {
            if (expected.equals("...")) {
                continue;
            }
            int found = indexOf(printed.subList(at, printed.size()), expected.stripTrailing());
            if (found < 0) {
                fail("cli.md line " + command.line() + ": the output lacks (in order) the documented line\n" + expected
                        + "\nactual output:\n" + String.join("\n", printed));
            }
            at += found + 1;
        }
    }

    /** The first line equal to the expected one, or starting with it if it ends in "...". */
    private static int indexOf(List<String> lines, String expected) {
        boolean prefix = expected.endsWith("...");
        String text = prefix ? expected.substring(0, expected.length() - 3) : expected;
        for (int i = 0; i < lines.size(); i++) {
            if (prefix ? lines.get(i).startsWith(text) : lines.get(i).equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Workspace paths of the documentation become paths in the test's workspace. */
    private static String inWorkspace(String arg) {
        int eq = arg.indexOf('=');
        if (arg.startsWith("-") && eq > 0 && !arg.startsWith("-D")) {
            return arg.substring(0, eq + 1) + inWorkspace(arg.substring(eq + 1));
        }
        String first = arg.split("/")[0];
        boolean path = !arg.startsWith("-") && (WORKSPACE.contains(first) || FILE_NAME.matcher(arg).matches());
        return path ? workspace.resolve(arg).toString() : arg;
    }

    private static void writeWorkspaceFiles(List<String> lines) throws IOException {
        String marker = "```properties workspace:";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(marker)) {
                Path file = workspace.resolve(lines.get(i).strip().substring(marker.length()));
                List<String> content = new ArrayList<>();
                for (i++; !lines.get(i).strip().equals("```"); i++) {
                    content.add(lines.get(i));
                }
                Files.writeString(file, String.join("\n", content) + "\n");
            }
        }
    }

    private static List<Documented> parse(List<String> lines) {
        List<Documented> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```sh tested")) {
                continue;
            }
            StringBuilder command = new StringBuilder();
            int start = -1;
            for (i++; !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                start = command.length() == 0 ? i + 1 : start;
                if (line.endsWith("\\")) {
                    command.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                commands.add(command(start, command.append(line).toString()));
                command.setLength(0);
            }
            int next = i + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (next < lines.size() && lines.get(next).strip().equals("```text output")) {
                List<String> output = new ArrayList<>();
                for (i = next + 1; !lines.get(i).strip().equals("```"); i++) {
                    if (!lines.get(i).isBlank()) {
                        output.add(lines.get(i));
                    }
                }
                Documented last = commands.remove(commands.size() - 1);
                commands.add(new Documented(last.line(), last.args(), last.exit(), output));
            }
        }
        return commands;
    }

    private static Documented command(int line, String text) {
        Matcher exit = EXIT.matcher(text);
        int code = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        List<String> words = List.of(EXIT.matcher(text).replaceAll("").trim().split("\\s+"));
        assertFalse(words.isEmpty() || !words.get(0).equals("peft"), () -> "cli.md line " + line
                + ": a tested command starts with 'peft': " + text);
        return new Documented(line, words.subList(1, words.size()), code, List.of());
    }
}
