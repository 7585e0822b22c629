package org.peft4j.eval.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference experiment configuration translated to peft4j: the method, its hyperparameters (one
 * value, or several to tune, as text the method's schema parses) and the training settings
 * (configuration keys such as {@code train.epochs}).
 *
 * @param method the peft4j method name
 * @param hyperparameters method hyperparameter → values
 * @param settings configuration key → value (grids comma-separated, e.g. {@code train.lr_grid})
 * @param notes reference keys that were read but have no peft4j setting, each with the reason
 */
public record ImportedExperiment(String method, Map<String, List<String>> hyperparameters,
        Map<String, String> settings, List<String> notes) {

    /** Copies the collections. */
    public ImportedExperiment {
        hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        notes = List.copyOf(notes);
    }

    /**
     * The {@code peft compare} options that run this experiment's grid.
     *
     * @return e.g. {@code --methods lora --set lora.rank=1,8 -Dtrain.epochs=100}
     */
    public List<String> compareArguments() {
        List<String> args = new ArrayList<>(List.of("--methods", method));
        hyperparameters.forEach((k, v) -> args.addAll(List.of("--set", method + "." + k + "=" + String.join(",", v))));
        settings.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }
}
