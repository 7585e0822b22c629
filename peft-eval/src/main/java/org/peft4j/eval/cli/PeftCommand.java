package org.peft4j.eval.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code peft} command line: one subcommand per job. */
@Command(name = "peft", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Parameter-efficient fine-tuning of Vision Transformers, and fair comparisons of PEFT methods.",
        subcommands = {BenchCommand.class, PretrainCommand.class})
public final class PeftCommand {

    private PeftCommand() {}

    /**
     * Runs the command line and exits with its code: 0 ok, 1 failure, 2 usage error.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PeftCommand()).execute(args));
    }
}
