package org.peft4j.slurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;

/**
 * The {@code slurm.*} settings.
 *
 * @param partition partition, empty for the default
 * @param gres generic resources per trial, e.g. {@code gpu:1}, empty for none
 * @param time time limit per trial, empty for the partition's
 * @param account account, empty for the user's default
 * @param extra further sbatch options
 * @param maxResubmits resubmissions of a trial whose job ended without a record
 * @param poll time between two looks at the queue
 */
public record SlurmOptions(String partition, String gres, String time, String account, List<String> extra,
        int maxResubmits, Duration poll) {

    /** Copies the list and refuses control characters, which would end an {@code #SBATCH} line. */
    public SlurmOptions {
        extra = List.copyOf(extra);
        requirePlain(Settings.SLURM_PARTITION.key(), partition);
        requirePlain(Settings.SLURM_GRES.key(), gres);
        requirePlain(Settings.SLURM_TIME.key(), time);
        requirePlain(Settings.SLURM_ACCOUNT.key(), account);
        extra.forEach(o -> requirePlain(Settings.SLURM_SBATCH_OPTIONS.key(), o));
    }

    private static void requirePlain(String key, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new SlurmException(key + " = '" + SbatchScript.printable(value) + "' holds a control character; "
                    + "expected a plain sbatch value such as gpu, gpu:1 or 02:00:00, on one line");
        }
    }

    /**
     * The options of a configuration.
     *
     * @param config the configuration
     * @return its {@code slurm.*} settings
     */
    public static SlurmOptions of(PeftConfig config) {
        String extra = config.get(Settings.SLURM_SBATCH_OPTIONS).strip();
        return new SlurmOptions(config.get(Settings.SLURM_PARTITION).strip(), config.get(Settings.SLURM_GRES).strip(),
                config.get(Settings.SLURM_TIME).strip(), config.get(Settings.SLURM_ACCOUNT).strip(),
                extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")), config.get(Settings.SLURM_MAX_RESUBMITS),
                Duration.ofSeconds(config.get(Settings.SLURM_POLL_SECONDS)));
    }

    /**
     * The sbatch options of every trial job, as written in {@code #SBATCH} lines.
     *
     * @return e.g. {@code --partition=gpu --gres=gpu:1}
     */
    public List<String> sbatchOptions() {
        List<String> out = new ArrayList<>();
        add(out, "--partition=", partition);
        add(out, "--gres=", gres);
        add(out, "--time=", time);
        add(out, "--account=", account);
        out.addAll(extra);
        return out;
    }

    private static void add(List<String> out, String option, String value) {
        if (!value.isEmpty()) {
            out.add(option + value);
        }
    }
}
