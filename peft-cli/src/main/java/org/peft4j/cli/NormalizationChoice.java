package org.peft4j.cli;

import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The value of {@code --normalization} on {@code peft train} and {@code peft compare}: a name
 * ({@code none}, {@code imagenet}, {@code inception}, {@code clip}) or {@code pretrained}, the
 * normalisation the model was pretrained with ({@link Preprocessing#ofPreset}).
 */
final class NormalizationChoice {

    private NormalizationChoice() {}

    /**
     * Resolves the option.
     *
     * @param option the option's text, or null when it was not given
     * @param model the model being trained
     * @param fallback the normalisation when the option was not given
     * @return the normalisation to train with
     * @throws CommandException naming the option and the accepted values
     */
    static Normalization resolve(String option, VitConfig model, Normalization fallback) {
        if (option == null) {
            return fallback;
        }
        if (option.strip().equalsIgnoreCase("pretrained")) {
            return Preprocessing.ofPreset(model.name(), model.imageSize()).normalization();
        }
        try {
            return Normalization.parse(option);
        } catch (IllegalArgumentException e) {
            throw new CommandException("--normalization " + option + ": " + e.getMessage() + ", or pretrained");
        }
    }
}
