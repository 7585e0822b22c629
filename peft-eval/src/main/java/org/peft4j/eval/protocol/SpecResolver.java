package org.peft4j.eval.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Setting;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Turns what the user asked for into a {@link ComparisonSpec}. The shared budget (epochs, batch,
 * warm-up, learning rates, weight decays, drop path, seed) comes from the configuration; the quick
 * protocol replaces the values still at their built-in defaults by {@value #QUICK_EPOCHS} epochs,
 * weight decay {@code 1e-4} only and each method's default hyperparameters. A warm-up left at its
 * default scales with the epochs as in the study (10 of 100).
 */
public final class SpecResolver {

    /** Epochs of the quick protocol. */
    public static final int QUICK_EPOCHS = 10;

    /** Weight decays of the quick protocol. */
    public static final List<Double> QUICK_WD_GRID = List.of(1e-4);

    /**
     * What to compare.
     *
     * @param name the comparison's name
     * @param quick whether to run the quick protocol
     * @param dataRoot the data root
     * @param tasks the tasks (folders of the data root) with their groups
     * @param methods the method names; empty for every registered method
     * @param model the backbone architecture
     * @param checkpoint the pretrained weights, or null for a random backbone
     * @param normalization the pixel normalisation the backbone expects
     * @param seeds final runs per (method, task)
     * @param microBatch examples per forward/backward, or 0 for the batch size
     * @param gridOverrides method → hyperparameter → values as text ({@code --set})
     * @param config the layered configuration
     */
    public record Request(String name, boolean quick, Path dataRoot, List<BenchmarkTask> tasks, List<String> methods,
            VitConfig model, Path checkpoint, Normalization normalization, int seeds, int microBatch,
            Map<String, Map<String, List<String>>> gridOverrides, PeftConfig config) {}

    private SpecResolver() {}

    /**
     * Resolves a comparison.
     *
     * @param request what to compare
     * @param registry the available methods
     * @return the spec
     * @throws IllegalArgumentException for an unknown method, task or hyperparameter, naming it
     */
    public static ComparisonSpec resolve(Request request, MethodRegistry registry) {
        PeftConfig config = request.config();
        boolean quick = request.quick();
        Path root = request.dataRoot().toAbsolutePath().normalize();
        List<String> methodNames = request.methods().isEmpty()
                ? List.copyOf(new TreeSet<>(registry.names())) : request.methods();
        if (methodNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "no method is registered; add plugin JARs to the plugins folder or pass --plugins");
        }
        for (String method : request.gridOverrides().keySet()) {
            if (!methodNames.contains(method)) {
                throw new IllegalArgumentException("--set names method '" + method + "', which is not compared; "
                        + "compared methods: " + String.join(", ", methodNames));
            }
        }
        List<MethodSpec> methods = new ArrayList<>();
        for (String name : methodNames) {
            methods.add(MethodGrids.resolve(registry.method(name), request.gridOverrides().getOrDefault(name, Map.of()),
                    quick));
        }
        List<TaskSpec> tasks = request.tasks().stream().map(t -> TaskCatalog.resolve(root, t)).toList();
        int epochs = quick && config.isBuiltInDefault(Settings.EPOCHS) ? QUICK_EPOCHS : config.get(Settings.EPOCHS);
        int warmup = Settings.warmupEpochs(config, epochs);
        int batch = config.get(Settings.BATCH_SIZE);
        RecipeSpec recipe = new RecipeSpec(epochs, batch, request.microBatch() > 0 ? request.microBatch() : batch,
                warmup, config.get(Settings.WARMUP_LR), config.get(Settings.MIN_LR),
                config.get(Settings.DROP_PATH).floatValue());
        List<Double> wdGrid = quickOr(config, Settings.WD_GRID, quick, QUICK_WD_GRID);
        BaseCheckpoint checkpoint = request.checkpoint() == null ? null : checkpoint(request.checkpoint());
        return new ComparisonSpec(ComparisonSpec.FORMAT, request.name(), quick ? ProtocolKind.QUICK : ProtocolKind.STUDY,
                request.model().withClasses(1).withDropPath(0f), checkpoint, root.toString(), request.normalization(), tasks,
                methods, config.get(Settings.LR_GRID), wdGrid, recipe, config.get(Settings.SEED), request.seeds(),
                config.get(Settings.REFERENCE_COMPAT));
    }

    private static List<Double> quickOr(PeftConfig config, Setting<List<Double>> setting, boolean quick,
            List<Double> quickValue) {
        return quick && config.isBuiltInDefault(setting) ? quickValue : config.get(setting);
    }

    private static BaseCheckpoint checkpoint(Path file) {
        Path abs = CheckpointReader.locate(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("the checkpoint " + abs + " does not exist; pass --checkpoint with a "
                    + ".safetensors (timm or transformers names) or Google .npz file, or hf-hub:ORG/NAME from the "
                    + "Hugging Face cache, or leave it out for a random backbone");
        }
        return new BaseCheckpoint(abs.toString(), CheckpointReader.sha256(abs));
    }
}
