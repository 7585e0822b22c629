package org.peft4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts every {@code double} option: a finite number, never {@code NaN} or {@code Infinity}. */
final class FiniteNumber implements ITypeConverter<Double> {

    /**
     * Registers the converter for {@code double} and {@code Double} options of every command.
     *
     * @param commandLine the command line, with its subcommands already added
     */
    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Double.class, new FiniteNumber());
        commandLine.registerConverter(Double.TYPE, new FiniteNumber());
    }

    @Override
    public Double convert(String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new TypeConversionException("'" + text + "' is not a finite number; give a value such as 1e-4");
        }
        return value;
    }
}
