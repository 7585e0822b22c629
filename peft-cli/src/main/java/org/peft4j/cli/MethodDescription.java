package org.peft4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.HfPeftForm;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.RegisteredMethod;

/** The text {@code peft methods} prints for one method. */
final class MethodDescription {

    private MethodDescription() {}

    /**
     * Prints a method: name, versions and source, description, citation, capabilities and a table
     * of its hyperparameters.
     *
     * @param out where to print
     * @param method the method
     */
    static void print(PrintWriter out, RegisteredMethod method) {
        PeftMethodProvider provider = method.provider();
        out.println(method.name() + "  (version " + method.version() + ", SPI " + method.spiVersion() + ", "
                + (method.source().equals(MethodRegistry.CLASSPATH) ? "class path" : method.source()) + ")");
        out.println("  " + provider.description());
        out.println("  citation: " + provider.citation());
        out.println("  capabilities: " + capabilities(method));
        List<Hyperparameter> hyperparameters = provider.schema().hyperparameters();
        if (hyperparameters.isEmpty()) {
            out.println("  hyperparameters: none");
            return;
        }
        out.println("  hyperparameters:");
        List<String[]> rows = new ArrayList<>();
        for (Hyperparameter h : hyperparameters) {
            rows.add(new String[] {h.name(), h.type().name().toLowerCase(java.util.Locale.ROOT),
                    "default " + h.defaultValue(), allowed(h), h.grid().isEmpty() ? "not tuned" : "grid " + list(h.grid()),
                    h.description()});
        }
        Formats.table("    ", rows).forEach(out::println);
    }

    /** What the method can do besides attaching, found on an instance with default hyperparameters. */
    private static String capabilities(RegisteredMethod method) {
        PeftMethod instance;
        try {
            instance = method.create(java.util.Map.of()).method();
        } catch (RuntimeException | LinkageError e) {
            return "unknown: creating it with its defaults fails (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")";
        }
        List<String> capabilities = new ArrayList<>();
        if (instance instanceof Mergeable) {
            capabilities.add("mergeable");
        }
        if (instance instanceof ClosedFormCount) {
            capabilities.add("closed-form count");
        }
        if (instance instanceof HfPeftForm) {
            capabilities.add("hf-peft export");
        }
        return capabilities.isEmpty() ? "none (not mergeable, no closed-form count)" : String.join(", ", capabilities);
    }

    private static String allowed(Hyperparameter h) {
        return switch (h.type()) {
            case INT, DOUBLE -> "range [" + bound(h, h.min()) + ", " + bound(h, h.max()) + "]";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", h.choices());
        };
    }

    private static String bound(Hyperparameter h, Double bound) {
        if (bound == null) {
            return "any";
        }
        return h.type() == Hyperparameter.Type.INT ? String.valueOf(bound.longValue()) : String.valueOf(bound);
    }

    private static String list(List<Object> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
