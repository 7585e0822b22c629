package org.peft4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.api.Mergeable;
import org.peft4j.eval.analysis.WeightInterpolation;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.analysis.WiseFt;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.report.ComparisonReport;
import org.peft4j.report.WiseFiles;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft wise --store DIR --task T --shifted-split NAME}: WiSE-FT curves of the mergeable methods of a comparison. */
@Command(name = "wise", mixinStandardHelpOptions = true,
        description = {"WiSE-FT robustness: for each mergeable method (full fine-tuning included) that ended ok on the "
                + "task, merge its first final seed into the backbone and interpolate every backbone tensor, "
                + "θ(α) = (1−α)·θ_pretrained + α·θ_fine-tuned (the fine-tuned head is kept at every α), and score each "
                + "θ(α) on the task's test split and on a distribution-shifted split of the same task folder.",
                "Curves go to <store>/wise/<task>--<method>.json; the report in <store>/report is rewritten with them."},
        footer = {"", "Examples:", "  peft wise --store runs/embedded-study --task shapes --shifted-split test_shifted"})
final class WiseCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(WiseCommand.class);

    @Spec
    CommandSpec commandSpec;

    @Mixin
    StoreOption store;

    @Mixin
    ConfigOptions settings;

    @Mixin
    DeviceOptions device;

    @Option(names = "--task", required = true, description = "The task")
    String task;

    @Option(names = "--shifted-split", required = true, paramLabel = "NAME",
            description = "List file (without .txt) of the distribution-shifted test set in the task folder")
    String shiftedSplit;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "Methods to interpolate (default: every mergeable method with inserted parameters that ended "
                    + "ok on the task)")
    List<String> methods = new ArrayList<>();

    @Option(names = "--alphas", split = ",", paramLabel = "A",
            description = "Mixing coefficients in [0, 1] (default: 0, 0.1, ..., 1)")
    List<Double> alphas = new ArrayList<>(WeightInterpolation.DEFAULT_ALPHAS);

    @Override
    public Integer call() {
        PeftConfig config = settings.load(device.addTo(new ConfigOptions.Overrides()));
        ResultStore results = ResultStore.open(store.dir);
        try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR))) {
            List<String> chosen = methods.isEmpty() ? mergeable(results, registry) : methods;
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("no mergeable method ended ok on task '" + task + "' in " + store.dir
                        + "; WiSE-FT needs the fine-tuned weights of a Mergeable method (e.g. full, lora, ssf)");
            }
            WiseFt wise = new WiseFt(registry, EngineSetup.start(config), ImageCache.Options.defaults());
            for (String method : chosen) {
                LOG.info("WiSE-FT: {} on {}", method, task);
                WiseCurve curve = wise.run(results, task, method, shiftedSplit, alphas);
                WiseFiles.write(results.root(), curve);
                print(curve);
            }
        }
        ComparisonReport.write(results);
        return 0;
    }

    /**
     * The methods that ended ok on the task, change the backbone (linear probing, with no inserted
     * parameters, would give a flat curve) and whose configured instance is Mergeable.
     */
    private List<String> mergeable(ResultStore results, MethodRegistry registry) {
        List<String> out = new ArrayList<>();
        ComparisonResults all = ComparisonResults.read(results);
        for (String method : all.methods()) {
            ResultCell cell = all.cell(method, task).orElse(null);
            boolean tunesBackbone = cell != null && cell.insertedParameters() != null && cell.insertedParameters() > 0;
            if (tunesBackbone && cell.status() == CellStatus.OK && registry.names().contains(method)
                    && registry.create(method, cell.hyperparameters()).method() instanceof Mergeable) {
                out.add(method);
            }
        }
        return out;
    }

    private void print(WiseCurve c) {
        var out = commandSpec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on %s: α, %s, %s%n", c.method(), c.task(), c.inSplit(), c.shiftedSplit());
        for (int i = 0; i < c.alphas().size(); i++) {
            out.printf(Locale.ROOT, "  %.2f  %6.2f  %6.2f%n", c.alphas().get(i), c.inAccuracy().get(i),
                    c.shiftedAccuracy().get(i));
        }
        out.flush();
    }
}
