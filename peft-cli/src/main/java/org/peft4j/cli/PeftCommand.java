package org.peft4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code peft} command line: one subcommand per job. {@code -v} and {@code -q}, {@code --help}
 * and {@code --version} work on every subcommand. Exit codes: 0 success, 1 failure (one line on
 * stderr, {@code peft: error: ...}), 2 usage error.
 */
@Command(name = "peft", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, sortOptions = false, usageHelpWidth = 110,
        description = "Parameter-efficient fine-tuning of Vision Transformers, and fair comparisons of PEFT methods.",
        subcommands = {CompareCommand.class, ReportCommand.class, MethodsCommand.class, CountCommand.class,
                TrainCommand.class, TrialCommand.class, MergeCommand.class, PredictCommand.class, InspectCommand.class,
                ValidateCommand.class, StatusCommand.class, WiseCommand.class, ImportConfigCommand.class, DoctorCommand.class,
                BenchCommand.class, PretrainCommand.class, ExportCommand.class, ImportCommand.class},
        exitCodeList = {"0:success", "1:failure; the reason is one line on stderr, 'peft: error: ...'",
                "2:usage error (unknown option, missing or ill-typed argument)"},
        footer = {"", "Examples:",
                "  peft compare",
                "  peft methods",
                "  peft count --model vit-b16 --method lora --set rank=8",
                "  peft train --data data/vtab-1k/dtd --model vit-b16 --checkpoint vit_b16.npz --method lora --output runs/dtd-lora",
                "  peft doctor",
                "",
                "Run 'peft <command> --help' for a command's options and examples."})
public final class PeftCommand {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log at DEBUG and print the stack trace of an error")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log warnings and errors only, no progress bar")
    boolean quiet;

    private PeftCommand() {}

    /**
     * A command line with peft4j's error reporting and log levels, ready to {@code execute}.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PeftCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        ErrorReporter errors = new ErrorReporter();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionStrategy(PeftCommand::executeWithLogLevel);
        FiniteNumber.register(commandLine);
        examplesBeforeExitCodes(commandLine);
        return commandLine;
    }

    /** Orders every command's help: options, examples (the footer), then exit codes. */
    private static void examplesBeforeExitCodes(CommandLine command) {
        List<String> sections = new ArrayList<>(command.getHelpSectionKeys());
        List<String> exitCodes = List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
        sections.removeAll(exitCodes);
        sections.addAll(exitCodes);
        command.setHelpSectionKeys(sections);
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
        command.getSubcommands().values().forEach(PeftCommand::examplesBeforeExitCodes);
    }

    /**
     * Runs the command line and exits with its code: 0 ok, 1 failure, 2 usage error.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The flags of the command line a subcommand belongs to.
     *
     * @param commandLine any command of the tree
     * @return the root command
     */
    static PeftCommand of(CommandLine commandLine) {
        return (PeftCommand) commandLine.getCommandSpec().root().userObject();
    }

    /** @return whether -v was given */
    boolean verbose() {
        return verbose;
    }

    /** @return whether -q was given (and not -v) */
    boolean quiet() {
        return quiet && !verbose;
    }

    private static int executeWithLogLevel(ParseResult parsed) {
        PeftCommand flags = of(parsed.commandSpec().commandLine());
        Level before = LogManager.getRootLogger().getLevel();
        Level wanted = flags.verbose ? Level.DEBUG : flags.quiet ? Level.WARN : null;
        if (wanted != null) {
            Configurator.setRootLevel(wanted);
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) {
            // picocli hands only Exceptions to the error reporter; an Error (out of memory, an
            // assertion in a plugin) would otherwise end the program with a raw stack trace.
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), String.valueOf(e.getMessage()), e);
        } finally {
            if (wanted != null) {
                Configurator.setRootLevel(before);
            }
        }
    }
}
