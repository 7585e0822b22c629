package org.peft4j.eval.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Imports the YAML experiment configurations of the reference implementation (PETL_Vision's
 * {@code experiment/config/*.yml}: a defaults file, an lr/wd grid file, a method file) into a peft4j
 * method, hyperparameters and training settings. Files are merged in the order given, later keys
 * winning. The method follows from the switch keys ({@code full}, {@code ln}, {@code bitfit},
 * {@code difffit}, {@code ssf}, {@code vpt_mode}, {@code lora_bottleneck}, {@code fact_type},
 * {@code vqt_num}, the {@code ft_attn_*}/{@code ft_mlp_*} module keys and the selective-tuning
 * indices; none means linear probing). Every key must be known: a key of another method is
 * inactive and ignored, a run setting without peft4j equivalent is noted, and anything else, or a
 * value peft4j cannot honour, is an error naming the file and key.
 */
public final class PetlConfigImport {

    /** Recipe keys → configuration keys. */
    private static final Map<String, String> RECIPE = Map.of("lr", "train.lr_grid", "wd", "train.wd_grid",
            "epoch", "train.epochs", "warmup_epoch", "train.warmup_epochs", "batch_size", "train.batch_size",
            "test_batch_size", "train.eval_batch_size", "drop_path_rate", "train.drop_path", "lr_min", "train.min_lr",
            "warmup_lr_init", "train.warmup_lr", "random_seed", "train.seed");

    /** Recipe keys that may hold a grid. */
    private static final Set<String> GRIDS = Set.of("lr", "wd");

    /** Keys read but not imported, with the reason. */
    private static final Map<String, String> NOTED = Map.ofEntries(
            Map.entry("experiment_name", "a name; peft4j names a comparison with --name"),
            Map.entry("method_name", "a name; the method follows from the other keys"),
            Map.entry("momentum", "unused by AdamW"),
            Map.entry("crop_size", "the image size comes from the model preset"),
            Map.entry("final_run", "peft4j runs tuning and final trials in one comparison"),
            Map.entry("gpu_num", "peft4j picks the device with --device"),
            Map.entry("debug", "no peft4j equivalent"),
            Map.entry("data_path", "pass the data folder with --data"),
            Map.entry("eval_freq", "peft4j scores the held-out split once, after the last epoch"),
            Map.entry("early_patience", "peft4j has no early stopping (the reference's never triggers on VTAB-1K)"),
            Map.entry("store_ckp", "peft4j keeps the first final seed's weights for analyses"),
            Map.entry("adapter_init", "init of Linear layers the reference re-initialises anyway (docs/methods.md#common-framework)"),
            Map.entry("convpass_init", "init of Linear layers the reference re-initialises anyway (docs/methods.md#common-framework)"),
            Map.entry("repadapter_init", "peft4j's RepAdapter uses the reference's lora_xavier init"));

    /** Keys whose value must be the one peft4j implements. */
    private static final Map<String, Object> FIXED = Map.of("model", "vit", "optimizer", "adamw", "merge_factor", 1,
            "final_acc_hp", true, "normalized", false, "vpt_layer", "null", "pretrained_weights",
            "vit_base_patch16_224_in21k");

    /** Keys that choose the method or its wiring (checked by {@link #method}). */
    private static final Set<String> SWITCHES = Set.of("full", "ln", "bitfit", "difffit", "ssf", "vpt_mode",
            "lora_bottleneck", "fact_type", "vqt_num", "ft_attn_module", "ft_attn_mode", "ft_attn_ln",
            "ft_mlp_module", "ft_mlp_mode", "ft_mlp_ln", "attention_index", "attention_type", "mlp_index",
            "mlp_type", "block_index");

    /** Depth of the reference backbone, whose last blocks selective tuning names. */
    private static final int DEPTH = 12;

    private PetlConfigImport() {}

    /**
     * Imports configuration files, merged in order.
     *
     * @param files YAML files, e.g. the defaults, the lr/wd grid and the method file
     * @return the experiment
     * @throws IllegalArgumentException naming the file and key that does not map
     */
    public static ImportedExperiment read(List<Path> files) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            parse(text, file.toString()).forEach((k, v) -> {
                merged.put(k, v);
                origin.put(k, file.toString());
            });
        }
        return translate(merged, origin);
    }

    /**
     * Imports YAML texts, merged in order.
     *
     * @param texts the YAML documents, each a mapping
     * @return the experiment
     * @throws IllegalArgumentException naming the document and key that does not map
     */
    public static ImportedExperiment parse(List<String> texts) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String name = "document " + (i + 1);
            parse(texts.get(i), name).forEach((k, v) -> {
                merged.put(k, v);
                origin.put(k, name);
            });
        }
        return translate(merged, origin);
    }

    private static Map<String, Object> parse(String text, String source) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + " is not a YAML mapping of keys to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static ImportedExperiment translate(Map<String, Object> config, Map<String, String> origin) {
        String method = method(config, origin);
        Map<String, String> own = ReferenceKeys.of(method);
        Map<String, List<String>> hyperparameters = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        TreeSet<String> inactive = new TreeSet<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            String where = origin.get(key) + ": key '" + key + "'";
            if (own.containsKey(key)) {
                hyperparameters.put(own.get(key), texts(value));
            } else if (RECIPE.containsKey(key)) {
                List<String> values = texts(value);
                if (values.size() != 1 && !GRIDS.contains(key)) {
                    throw new IllegalArgumentException(where + " holds a grid " + values + ", but peft4j tunes only "
                            + "the learning rate and weight decay; give one value");
                }
                settings.put(RECIPE.get(key), String.join(",", values));
            } else if (FIXED.containsKey(key)) {
                Object expected = FIXED.get(key);
                if (!String.valueOf(expected).equalsIgnoreCase(String.valueOf(value))) {
                    throw new IllegalArgumentException(where + " is '" + value + "', but peft4j implements only '"
                            + expected + "'; remove the key or set it to '" + expected + "'");
                }
            } else if (NOTED.containsKey(key)) {
                notes.add(key + ": " + NOTED.get(key));
            } else if (SWITCHES.contains(key)) {
                continue;
            } else if (ReferenceKeys.isHyperparameter(key)) {
                inactive.add(key);
            } else {
                throw new IllegalArgumentException(where + " has no peft4j equivalent; known keys are those of "
                        + "PETL_Vision's experiment/config files (see docs/reports.md); remove it to import the rest");
            }
        }
        if (method.equals("selective")) {
            hyperparameters.putAll(selective(config, origin));
        }
        if (!inactive.isEmpty()) {
            notes.add("inactive for " + method + ": " + String.join(", ", inactive));
        }
        return new ImportedExperiment(method, hyperparameters, settings, notes);
    }

    /** Chooses the method from the switch keys. */
    private static String method(Map<String, Object> c, Map<String, String> origin) {
        List<String> active = new ArrayList<>();
        for (String flag : List.of("full", "ln", "bitfit", "difffit", "ssf")) {
            if (Boolean.TRUE.equals(c.get(flag))) {
                active.add(flag);
            }
        }
        Object vpt = c.get("vpt_mode");
        if (vpt != null) {
            active.add(switch (String.valueOf(vpt)) {
                case "shallow" -> "vpt_shallow";
                case "deep" -> "vpt_deep";
                default -> throw new IllegalArgumentException(origin.get("vpt_mode") + ": key 'vpt_mode' is '" + vpt
                        + "'; expected shallow, deep or null");
            });
        }
        if (positive(c.get("lora_bottleneck"))) {
            active.add("lora");
        }
        if (positive(c.get("vqt_num"))) {
            active.add("vqt");
        }
        Object fact = c.get("fact_type");
        if (fact != null) {
            if (!List.of("tt", "tk").contains(String.valueOf(fact))) {
                throw new IllegalArgumentException(origin.get("fact_type") + ": key 'fact_type' is '" + fact
                        + "'; expected tt, tk or null");
            }
            active.add("fact_" + fact);
        }
        String modules = modules(c, origin);
        if (modules != null) {
            active.add(modules);
        }
        if (List.of("attention_index", "mlp_index", "block_index").stream().anyMatch(k -> c.get(k) != null)) {
            active.add("selective");
        }
        if (active.size() > 1) {
            throw new IllegalArgumentException("the configuration switches on " + String.join(" and ", active)
                    + " together; peft4j attaches one method per model, so import one method's configuration at a "
                    + "time");
        }
        return active.isEmpty() ? "linear" : active.get(0);
    }

    /** The adapter-type method named by the module keys, or null without modules. */
    private static String modules(Map<String, Object> c, Map<String, String> origin) {
        String attn = text(c.get("ft_attn_module"));
        String mlp = text(c.get("ft_mlp_module"));
        if (attn == null && mlp == null) {
            return null;
        }
        String attnMode = attn == null ? null : text(c.get("ft_attn_mode"));
        String mlpMode = mlp == null ? null : text(c.get("ft_mlp_mode"));
        String attnLn = attn == null ? null : text(c.get("ft_attn_ln"));
        String mlpLn = mlp == null ? null : text(c.get("ft_mlp_ln"));
        String wiring = "ft_attn_module=" + attn + " (" + attnMode + ", ln " + attnLn + "), ft_mlp_module=" + mlp
                + " (" + mlpMode + ", ln " + mlpLn + ")";
        if (attn == null && "adapter".equals(mlp) && "parallel".equals(mlpMode) && "before".equals(mlpLn)) {
            return "adaptformer";
        }
        if (attn == null && "adapter".equals(mlp) && "sequential_after".equals(mlpMode)) {
            return "pfeiffer";
        }
        if ("adapter".equals(attn) && "adapter".equals(mlp) && "sequential_after".equals(attnMode)
                && "sequential_after".equals(mlpMode)) {
            return "houlsby";
        }
        if ("convpass".equals(attn) && "convpass".equals(mlp) && "parallel".equals(attnMode)
                && "parallel".equals(mlpMode) && "after".equals(attnLn) && "after".equals(mlpLn)) {
            return "convpass";
        }
        if ("repadapter".equals(attn) && "repadapter".equals(mlp) && "sequential_before".equals(attnMode)
                && "sequential_before".equals(mlpMode)) {
            return "repadapter";
        }
        String file = origin.getOrDefault(mlp != null ? "ft_mlp_module" : "ft_attn_module", "the configuration");
        throw new IllegalArgumentException(file + ": the module wiring " + wiring + " is not one of peft4j's methods "
                + "(adaptformer, pfeiffer, houlsby, convpass, repadapter; see docs/methods.md#adapter and #repadapter)");
    }

    /** Selective tuning: the part and the number of last blocks from the one index key that is set. */
    private static Map<String, List<String>> selective(Map<String, Object> c, Map<String, String> origin) {
        List<String> set = List.of("attention_index", "mlp_index", "block_index").stream()
                .filter(k -> c.get(k) != null).toList();
        if (set.size() > 1) {
            throw new IllegalArgumentException("the configuration sets " + String.join(" and ", set)
                    + "; peft4j's selective tuning trains one part (attention, MLP or block) of the last blocks");
        }
        String key = set.get(0);
        String where = origin.get(key) + ": key '" + key + "'";
        List<Integer> blocks = indices(c.get(key), where);
        int k = blocks.size();
        List<Integer> last = new ArrayList<>();
        for (int i = DEPTH - k; i < DEPTH; i++) {
            last.add(i);
        }
        if (!new TreeSet<>(blocks).equals(new TreeSet<>(last))) {
            throw new IllegalArgumentException(where + " names blocks " + blocks + ", but peft4j's selective tuning "
                    + "trains the last k blocks of the 12 (e.g. (10, 11))");
        }
        String part = switch (key) {
            case "attention_index" -> switch (String.valueOf(c.getOrDefault("attention_type", "full"))) {
                case "qkv" -> "attn_qkv";
                case "proj" -> "attn_proj";
                case "full" -> "attn";
                default -> throw new IllegalArgumentException(origin.get("attention_type")
                        + ": key 'attention_type' must be qkv, proj or full");
            };
            case "mlp_index" -> switch (String.valueOf(c.getOrDefault("mlp_type", "full"))) {
                case "fc1" -> "mlp_fc1";
                case "fc2" -> "mlp_fc2";
                case "full" -> "mlp";
                default -> throw new IllegalArgumentException(origin.get("mlp_type")
                        + ": key 'mlp_type' must be fc1, fc2 or full");
            };
            default -> "block";
        };
        return Map.of("part", List.of(part), "blocks", List.of(String.valueOf(k)));
    }

    /** Block indices written as a YAML list, a number or a Python tuple such as {@code (10, 11)}. */
    private static List<Integer> indices(Object value, String where) {
        List<Integer> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(Integer.parseInt(String.valueOf(v))));
        } else {
            Matcher m = Pattern.compile("-?\\d+").matcher(String.valueOf(value));
            while (m.find()) {
                out.add(Integer.parseInt(m.group()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(where + " is '" + value + "'; expected block indices such as (10, 11)");
        }
        return out;
    }

    private static boolean positive(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PetlConfigImport::positive);
        }
        return value instanceof Number n && n.doubleValue() > 0;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** A value or a list of values as text. */
    private static List<String> texts(Object value) {
        List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
        return values.stream().map(String::valueOf).toList();
    }
}
