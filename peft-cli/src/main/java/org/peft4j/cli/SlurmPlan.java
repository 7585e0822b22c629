package org.peft4j.cli;

import java.util.Locale;
import org.peft4j.eval.protocol.ComparisonPlan;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.slurm.SlurmOptions;

/** What {@code peft compare --executor slurm --dry-run} would submit. */
final class SlurmPlan {

    private SlurmPlan() {}

    /**
     * The lines for a comparison not started yet.
     *
     * @param spec the comparison
     * @param options the Slurm settings
     * @return the text, one line per fact
     */
    static String of(ComparisonSpec spec, SlurmOptions options) {
        ComparisonPlan plan = ComparisonPlan.of(spec);
        int tuning = plan.groups().stream().mapToInt(g -> g.tuning().size()).sum();
        int finals = plan.groups().size() * spec.seeds();
        String sbatch = options.sbatchOptions().isEmpty() ? "(none: the cluster's defaults)"
                : String.join(" ", options.sbatchOptions());
        return String.format(Locale.ROOT, "slurm: %d array task(s) now (the tuning trials), then %d final trial(s) once "
                + "selection is possible; up to %d resubmission(s) per trial%nsbatch options: %s%n", tuning, finals,
                options.maxResubmits(), sbatch);
    }
}
