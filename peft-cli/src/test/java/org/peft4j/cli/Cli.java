package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code peft} command line in this JVM and captures what it prints. */
final class Cli {

    private Cli() {}

    /**
     * What one run printed and returned.
     *
     * @param exit the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exit, String out, String err) {

        /** Asserts success and returns the output. */
        String ok() {
            assertEquals(0, exit, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            return out;
        }

        /**
         * Asserts a failure reported as one {@code peft: error:} sentence without a stack trace,
         * optionally followed by a second {@code peft:} line.
         *
         * @param code the expected exit code
         * @return the error line
         */
        String failsWith(int code) {
            assertEquals(code, exit, () -> "exit code; stderr:\n" + err + "\nstdout:\n" + out);
            List<String> lines = err.lines().toList();
            assertFalse(lines.isEmpty(), "nothing on stderr");
            assertTrue(lines.get(0).startsWith("peft: error: "), err);
            assertTrue(lines.size() <= 2, () -> "more than two lines:\n" + err);
            assertFalse(err.contains("\tat ") || err.contains("Caused by") || lines.stream().anyMatch(
                    l -> l.matches("^[\\w.$]+(Exception|Error)(: .*)?$")), () -> "a stack trace or raw exception:\n" + err);
            return lines.get(0);
        }
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments after {@code peft}
     * @return the outcome
     */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PeftCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
