package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peft4j.api.SpiVersion;

/** Every command explains itself with examples, and the version is printed. */
class HelpTest {

    @TestFactory
    Stream<DynamicTest> everySubcommandHasHelpWithExamples() {
        List<String> names = List.copyOf(PeftCommand.commandLine().getSubcommands().keySet());
        assertTrue(names.containsAll(List.of("methods", "count", "train", "merge", "predict", "inspect", "validate",
                "doctor", "bench")), names.toString());
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String help = Cli.run(name, "--help").ok();
            assertTrue(help.startsWith("Usage: peft " + name), help);
            assertTrue(help.contains("Examples:\n  peft " + name), help);
            assertTrue(help.contains("-v, --verbose") && help.contains("-q, --quiet"), help);
            assertTrue(help.indexOf("Examples:") < help.indexOf("\nExit codes:\n  0   success"), help);
        }));
    }

    @Test
    void theTopLevelHelpListsTheCommands() {
        String help = Cli.run("--help").ok();
        assertTrue(help.matches("(?s).*\n  train +Train one method on one VTAB-1K task.*"), help);
        assertTrue(help.contains("Examples:\n  peft compare\n  peft methods"), help);
    }

    @Test
    void versionNamesPeft4jAndTheSpi() {
        String version = Cli.run("--version").ok();
        assertTrue(version.startsWith("peft4j ") && version.contains("SPI " + SpiVersion.CURRENT), version);
        assertTrue(Cli.run("count", "--version").ok().contains("SPI " + SpiVersion.CURRENT));
    }
}
