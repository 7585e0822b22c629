package org.peft4j.eval.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Everything a trial needs besides its splits: config in, record out, so that any process (or a
 * cluster job) can run it from this alone.
 *
 * @param protocol study or quick
 * @param model the backbone architecture with the task's class count
 * @param checkpoint the pretrained weights, or null for a random backbone
 * @param dataRoot absolute folder of the task folders
 * @param normalization pixel normalisation
 * @param task the task
 * @param method the method's name
 * @param methodVersion the method implementation's version
 * @param spiVersion the SPI version of the method's plugin
 * @param hyperparameters the method's complete hyperparameters as text
 * @param recipe the complete training recipe, learning rate, weight decay and seed included
 * @param referenceCompat reproduce the reference code's quirks
 */
public record TrialSettings(
        ProtocolKind protocol,
        VitConfig model,
        BaseCheckpoint checkpoint,
        String dataRoot,
        Normalization normalization,
        TaskSpec task,
        String method,
        String methodVersion,
        String spiVersion,
        Map<String, String> hyperparameters,
        TrainingRecipe recipe,
        boolean referenceCompat) {

    /** Checks and copies the values. */
    public TrialSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(recipe, "recipe");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /**
     * The same settings with another seed (the final runs).
     *
     * @param seed the seed
     * @return a copy
     */
    public TrialSettings withSeed(long seed) {
        return new TrialSettings(protocol, model, checkpoint, dataRoot, normalization, task, method, methodVersion,
                spiVersion, hyperparameters, recipe.withSeed(seed), referenceCompat);
    }

    /**
     * A short description for logs and progress, e.g. {@code lora rank=8 lr=0.001 wd=0.0001 on dtd}.
     *
     * @return the description
     */
    public String describe() {
        String hp = hyperparameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%s%s lr=%s wd=%s seed=%d on %s", method, hp.isEmpty() ? "" : " " + hp,
                recipe.lr(), recipe.weightDecay(), recipe.seed(), task.name());
    }
}
