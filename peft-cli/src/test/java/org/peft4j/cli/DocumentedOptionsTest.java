package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command of {@code peft} has a section of {@code docs/cli.md} (a heading naming {@code `peft NAME`}),
 * and every option and positional parameter is named there, in its command's section or in the
 * section of the options that commands share.
 */
class DocumentedOptionsTest {

    private static final Path DOC = Path.of("..", "docs", "cli.md");
    private static final String SHARED = "### Options shared by commands";
    private static final List<String> EVERYWHERE = List.of("--help", "--version", "--verbose", "--quiet");

    @TestFactory
    Stream<DynamicTest> everyCommandAndOptionIsInTheDocumentation() throws IOException {
        List<String> doc = Files.readAllLines(DOC);
        String shared = section(doc, SHARED);
        assertTrue(!shared.isEmpty(), "docs/cli.md lacks the section '" + SHARED + "'");
        Map<String, CommandLine> commands = PeftCommand.commandLine().getSubcommands();
        return commands.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String own = section(doc, "`peft " + e.getKey() + "`");
            assertTrue(!own.isEmpty(), "docs/cli.md has no heading naming `peft " + e.getKey() + "`");
            List<String> missing = new ArrayList<>();
            for (OptionSpec option : e.getValue().getCommandSpec().options()) {
                String name = option.longestName();
                boolean named = Stream.of(name, name.replaceFirst("^--", "--no-"))
                        .anyMatch(n -> own.contains("`" + n) || shared.contains("`" + n));
                if (!EVERYWHERE.contains(name) && !named) {
                    missing.add(name);
                }
            }
            for (PositionalParamSpec parameter : e.getValue().getCommandSpec().positionalParameters()) {
                if (!own.contains("`" + parameter.paramLabel())) {
                    missing.add(parameter.paramLabel());
                }
            }
            assertTrue(missing.isEmpty(), "docs/cli.md does not name these of 'peft " + e.getKey() + "': " + missing);
        }));
    }

    /**
     * The text from the first heading containing the title to the next heading of its level or above;
     * lines in fenced code blocks are never headings.
     */
    private static String section(List<String> doc, String title) {
        boolean fenced = false;
        for (int i = 0; i < doc.size(); i++) {
            String line = doc.get(i);
            fenced ^= line.strip().startsWith("```");
            if (!fenced && line.startsWith("#") && line.contains(title)) {
                int level = line.indexOf(' ');
                StringBuilder text = new StringBuilder();
                boolean inner = false;
                for (int j = i + 1; j < doc.size(); j++) {
                    inner ^= doc.get(j).strip().startsWith("```");
                    if (!inner && isHeadingUpTo(doc.get(j), level)) {
                        break;
                    }
                    text.append(doc.get(j)).append('\n');
                }
                return text.toString();
            }
        }
        return "";
    }

    private static boolean isHeadingUpTo(String line, int level) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        return hashes > 0 && hashes <= level && line.length() > hashes && line.charAt(hashes) == ' ';
    }
}
