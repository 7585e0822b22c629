package org.peft4j.eval.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A comparison, fully resolved: which methods on which tasks, with which shared budget. It is
 * stored as {@code comparison.json}; re-running the same command resolves the same spec and
 * resumes the store.
 *
 * @param format {@value #FORMAT}
 * @param name the comparison's name
 * @param protocol study or quick
 * @param model the backbone architecture; each trial replaces the class count by its task's
 * @param checkpoint the pretrained weights, or null for a randomly initialised backbone
 * @param dataRoot absolute folder holding one VTAB-1K-layout folder per task
 * @param normalization pixel normalisation (processed VTAB-1K: none)
 * @param tasks the tasks, in report order
 * @param methods the methods with their grids, in report order
 * @param lrGrid peak learning rates tuned for every method
 * @param wdGrid weight decays tuned for every method
 * @param recipe the shared training budget
 * @param seed seed of every tuning trial and of the first final seed
 * @param seeds final runs per (method, task), seeds {@code seed, seed + 1, ...}
 * @param referenceCompat reproduce the reference code's quirks
 */
public record ComparisonSpec(
        String format,
        String name,
        ProtocolKind protocol,
        VitConfig model,
        BaseCheckpoint checkpoint,
        String dataRoot,
        Normalization normalization,
        List<TaskSpec> tasks,
        List<MethodSpec> methods,
        List<Double> lrGrid,
        List<Double> wdGrid,
        RecipeSpec recipe,
        long seed,
        int seeds,
        boolean referenceCompat) {

    /** The format tag of this layout. */
    public static final String FORMAT = "peft4j-comparison/1";

    /** Checks and copies the values. */
    public ComparisonSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(recipe, "recipe");
        tasks = List.copyOf(tasks);
        methods = List.copyOf(methods);
        lrGrid = List.copyOf(lrGrid);
        wdGrid = List.copyOf(wdGrid);
        require(!tasks.isEmpty(), "a comparison needs at least one task");
        require(!methods.isEmpty(), "a comparison needs at least one method");
        require(!lrGrid.isEmpty() && !wdGrid.isEmpty(), "the learning-rate and weight-decay grids must not be empty");
        require(seeds >= 1, "seeds must be at least 1, got " + seeds);
        require(unique(tasks.stream().map(TaskSpec::name).toList()), "task names must be unique: " + tasks);
        require(unique(methods.stream().map(MethodSpec::name).toList()), "method names must be unique");
    }

    /**
     * How the comparison prepared its images, for tables and reports.
     *
     * @return e.g. "pixel normalisation none (pixels from 0 to 1, the study's choice on VTAB-1K), images resized to 224 px"
     */
    public String preprocessingSentence() {
        return "pixel normalisation " + normalization.id() + (normalization == Normalization.NONE
                ? " (pixels from 0 to 1, the study's choice on VTAB-1K)" : "") + ", images resized to "
                + model.imageSize() + " px";
    }

    private static boolean unique(List<String> names) {
        Set<String> seen = new HashSet<>();
        return names.stream().allMatch(seen::add);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
