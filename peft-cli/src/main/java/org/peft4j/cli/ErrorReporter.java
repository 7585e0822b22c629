package org.peft4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.data.DataProblem;
import org.peft4j.runtime.data.DataValidationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports failures on stderr as {@code peft: error: <one sentence>} (exit code 1) and usage errors
 * as the same line plus a pointer to {@code --help} (exit code 2). The stack trace is printed only
 * under {@code --verbose}, and logged at DEBUG.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Prefix of every error line. */
    static final String PREFIX = "peft: error: ";

    private static final Logger LOG = LogManager.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        LOG.debug("peft {} failed", command.getCommandName(), e);
        if (PeftCommand.of(command).verbose()) {
            e.printStackTrace(err);
        }
        for (String line : lines(e)) {
            err.println(line);
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(PREFIX + oneLine(e.getMessage()));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * What to print for a failure: one line, or for a data set with several problems the first
     * problem and a line saying how many more there are.
     *
     * @param e the failure
     * @return the lines, each starting with {@code peft: }
     */
    static List<String> lines(Throwable e) {
        if (e instanceof DataValidationException data) {
            List<DataProblem> problems = data.problems();
            String first = PREFIX + oneLine(problems.get(0).toString());
            if (problems.size() == 1) {
                return List.of(first);
            }
            return List.of(first, "peft: ... and " + (problems.size() - 1) + " more data problem"
                    + (problems.size() == 2 ? "" : "s") + "; 'peft validate <task folder>' lists them all");
        }
        return List.of(PREFIX + sentence(e));
    }

    /**
     * One sentence for a failure: the message of our own exceptions (which name the file, key or
     * value, what was expected and what to do) and of argument errors; for anything else, which
     * also covers faults inside plugins, the type and message of its innermost cause.
     *
     * @param e the failure
     * @return the sentence, without line breaks
     */
    static String sentence(Throwable e) {
        if (e.getMessage() != null && !e.getMessage().isBlank() && isExplained(e)) {
            return oneLine(e.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(String.valueOf(root.getMessage())) + "); give the JVM more heap (PEFT_XMX, "
                    + "e.g. PEFT_XMX=12g), or lower the batch size (-Dtrain.batch_size=...) or the number of --parallel workers";
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? "no message" : root.getMessage();
        return "unexpected " + root.getClass().getSimpleName() + " (" + oneLine(message)
                + "); rerun with --verbose for the stack trace";
    }

    /** Exceptions whose message is written for the user. */
    private static boolean isExplained(Throwable e) {
        String type = e.getClass().getName();
        return e instanceof CommandException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException
                || e instanceof java.io.IOException
                || type.startsWith("org.peft4j.");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
