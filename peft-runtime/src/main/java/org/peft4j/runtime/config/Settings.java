package org.peft4j.runtime.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peft4j.runtime.device.DeviceSpec;

/** Every configuration key, with its type: the one place where keys are declared. */
public final class Settings {

    /** Backbone preset. */
    public static final Setting<String> MODEL = new Setting<>("model", SettingType.MODEL, "backbone preset");
    /** Pretrained checkpoint, if any. */
    public static final Setting<Optional<Path>> CHECKPOINT = new Setting<>("checkpoint", SettingType.OPTIONAL_PATH,
            "pretrained weights (.safetensors with timm or transformers names, Google .npz, or hf-hub:ORG/NAME[@REV] from the "
                    + "local Hugging Face cache); empty for random initialisation");
    /** Training epochs. */
    public static final Setting<Integer> EPOCHS = new Setting<>("train.epochs", SettingType.POSITIVE_INT, "training epochs");
    /** Training batch size. */
    public static final Setting<Integer> BATCH_SIZE = new Setting<>("train.batch_size", SettingType.POSITIVE_INT,
            "examples per optimizer step");
    /** Evaluation batch size. */
    public static final Setting<Integer> EVAL_BATCH_SIZE = new Setting<>("train.eval_batch_size",
            SettingType.POSITIVE_INT, "examples per evaluation batch");
    /** Warm-up epochs. */
    public static final Setting<Integer> WARMUP_EPOCHS = new Setting<>("train.warmup_epochs",
            SettingType.NON_NEGATIVE_INT, "linear warm-up epochs");
    /** Learning rate at the start of warm-up. */
    public static final Setting<Double> WARMUP_LR = new Setting<>("train.warmup_lr", SettingType.NON_NEGATIVE_NUMBER,
            "learning rate at the start of warm-up");
    /** Learning rate at the end of the cosine. */
    public static final Setting<Double> MIN_LR = new Setting<>("train.min_lr", SettingType.NON_NEGATIVE_NUMBER,
            "learning rate at the end of the cosine decay");
    /** Peak learning rates to tune over. */
    public static final Setting<List<Double>> LR_GRID = new Setting<>("train.lr_grid", SettingType.POSITIVE_NUMBERS,
            "peak learning rates of the tuning grid");
    /** Weight decays to tune over. */
    public static final Setting<List<Double>> WD_GRID = new Setting<>("train.wd_grid", SettingType.NON_NEGATIVE_NUMBERS,
            "weight decays of the tuning grid");
    /** Stochastic depth rate of the last block. */
    public static final Setting<Double> DROP_PATH = new Setting<>("train.drop_path", SettingType.FRACTION,
            "drop path rate of the last block");
    /** Seed. */
    public static final Setting<Long> SEED = new Setting<>("train.seed", SettingType.LONG,
            "seed of initialisation, shuffling and drop path");
    /** Reproduce the reference implementation's quirks. */
    public static final Setting<Boolean> REFERENCE_COMPAT = new Setting<>("train.reference_compat", SettingType.BOOLEAN,
            "reproduce the reference code's quirks");
    /** Device request. */
    public static final Setting<DeviceSpec> DEVICE = new Setting<>("runtime.device", SettingType.DEVICE,
            "where tensors live");
    /** Intra-op threads. */
    public static final Setting<Integer> THREADS = new Setting<>("runtime.threads", SettingType.NON_NEGATIVE_INT,
            "intra-op threads, 0 for one per core");
    /** Data set root. */
    public static final Setting<Path> DATA_ROOT = new Setting<>("data.root", SettingType.PATH, "folder of the data sets");
    /** Most pixels of one image of a data set. */
    public static final Setting<Long> DATA_MAX_PIXELS = new Setting<>("data.max_pixels", SettingType.POSITIVE_LONG,
            "most pixels (width x height) of one image, checked before decoding");
    /** Most classes of a data set. */
    public static final Setting<Integer> DATA_MAX_CLASSES = new Setting<>("data.max_classes", SettingType.POSITIVE_INT,
            "most classes a data set's labels may imply");
    /** Plugin folder. */
    public static final Setting<Path> PLUGINS_DIR = new Setting<>("plugins.dir", SettingType.INSTALLATION_PATH,
            "folder of method plugin JARs (plugins are code: see docs/security.md); relative to the installation");
    /** Result folder. */
    public static final Setting<Path> RESULTS_DIR = new Setting<>("results.dir", SettingType.PATH,
            "folder under which each comparison's result store is created");

    /** Slurm partition of trial jobs. */
    public static final Setting<String> SLURM_PARTITION = new Setting<>("slurm.partition", SettingType.TEXT,
            "Slurm partition of the trial jobs; empty for the cluster's default");
    /** Generic resources of each trial job. */
    public static final Setting<String> SLURM_GRES = new Setting<>("slurm.gres", SettingType.TEXT,
            "generic resources per trial job, e.g. gpu:1; empty for none");
    /** Time limit of each trial job. */
    public static final Setting<String> SLURM_TIME = new Setting<>("slurm.time", SettingType.TEXT,
            "time limit per trial job, e.g. 02:00:00; empty for the partition's default");
    /** Slurm account charged. */
    public static final Setting<String> SLURM_ACCOUNT = new Setting<>("slurm.account", SettingType.TEXT,
            "Slurm account charged for the trial jobs; empty for the user's default");
    /** Further sbatch options. */
    public static final Setting<String> SLURM_SBATCH_OPTIONS = new Setting<>("slurm.sbatch_options", SettingType.TEXT,
            "further sbatch options, separated by blanks, e.g. --qos=normal --mem=16G");
    /** Resubmissions of a trial job that ended without a record. */
    public static final Setting<Integer> SLURM_MAX_RESUBMITS = new Setting<>("slurm.max_resubmits",
            SettingType.NON_NEGATIVE_INT, "resubmissions of a trial whose job ended without a record");
    /** Seconds between two looks at the queue. */
    public static final Setting<Integer> SLURM_POLL_SECONDS = new Setting<>("slurm.poll_seconds",
            SettingType.POSITIVE_INT, "seconds between two looks at the Slurm queue");

    private static final Map<String, Setting<?>> ALL = index(MODEL, CHECKPOINT, EPOCHS, BATCH_SIZE, EVAL_BATCH_SIZE,
            WARMUP_EPOCHS, WARMUP_LR, MIN_LR, LR_GRID, WD_GRID, DROP_PATH, SEED, REFERENCE_COMPAT, DEVICE, THREADS,
            DATA_ROOT, DATA_MAX_PIXELS, DATA_MAX_CLASSES, PLUGINS_DIR, RESULTS_DIR, SLURM_PARTITION, SLURM_GRES, SLURM_TIME, SLURM_ACCOUNT,
            SLURM_SBATCH_OPTIONS, SLURM_MAX_RESUBMITS, SLURM_POLL_SECONDS);

    private Settings() {}

    /**
     * The warm-up of a run of the given length, the same for {@code peft train} and
     * {@code peft compare}: left at its built-in default, it scales with the epochs as in the study
     * (10 of 100); set by the user, it is taken as given (and a recipe refuses it when it is not
     * below the epochs).
     *
     * @param config the settings
     * @param epochs the run's epochs
     * @return warm-up epochs
     */
    public static int warmupEpochs(PeftConfig config, int epochs) {
        return config.isBuiltInDefault(WARMUP_EPOCHS) ? epochs / 10 : config.get(WARMUP_EPOCHS);
    }

    private static Map<String, Setting<?>> index(Setting<?>... settings) {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            byKey.put(s.key(), s);
        }
        return Map.copyOf(byKey);
    }

    /**
     * Every declared setting.
     *
     * @return settings by key
     */
    public static Map<String, Setting<?>> all() {
        return ALL;
    }

    /**
     * The declared key closest to an unknown one, for a "did you mean" hint.
     *
     * @param unknown a key that is not declared
     * @return the closest key within a few edits (or whose last part matches), if any
     */
    public static Optional<String> suggest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : ALL.keySet()) {
            String last = key.substring(key.lastIndexOf('.') + 1);
            int distance = Math.min(distance(unknown, key), distance(unknown, last));
            if (distance < bestDistance || distance == bestDistance && key.compareTo(best) < 0) {
                best = key;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
