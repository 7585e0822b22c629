package org.peft4j.eval.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code peft} command line: one subcommand per job. */
@Command(name = "peft", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Parameter-efficient fine-tuning of Vision Transformers, and fair comparisons of PEFT methods.",
        subcommands = {BenchCommand.class, CompareCommand.class, TrialCommand.class, ReportCommand.class,
                WiseCommand.class, ImportConfigCommand.class})
public final class PeftCommand {

    private static final Logger LOG = LogManager.getLogger(PeftCommand.class);

    private PeftCommand() {}

    /**
     * The command line, reporting a failure as one line ({@code peft <command>: <message>}) with
     * exit code 1; the stack trace is logged at DEBUG.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PeftCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            LOG.debug("peft {} failed", cmd.getCommandName(), e);
            cmd.getErr().println("peft " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        return commandLine;
    }

    /**
     * Runs the command line and exits with its code: 0 ok, 1 failure, 2 usage error.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
