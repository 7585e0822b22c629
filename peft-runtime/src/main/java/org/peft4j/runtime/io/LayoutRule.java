package org.peft4j.runtime.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One timm tensor made from one or more tensors of another key layout, and the conversion of a
 * whole archive by a list of such rules (shared by {@link GoogleVitLayout} and
 * {@link TransformersVitLayout}).
 *
 * @param target the timm name
 * @param sources the source keys, in the order the conversion takes them
 * @param convert builds the timm tensor from the float32 sources
 */
record LayoutRule(String target, List<String> sources, Function<List<RawTensor>, RawTensor> convert) {

    /**
     * A rule with one source.
     *
     * @param target the timm name
     * @param source the source key
     * @param convert builds the timm tensor from the float32 source
     * @return the rule
     */
    static LayoutRule one(String target, String source, Function<RawTensor, RawTensor> convert) {
        return new LayoutRule(target, List.of(source), parts -> convert.apply(parts.get(0)));
    }

    /**
     * The source keys the rules need and the archive lacks.
     *
     * @param rules the rules
     * @param archive the source tensors
     * @return sorted keys
     */
    static TreeSet<String> missing(List<LayoutRule> rules, TensorArchive archive) {
        TreeSet<String> missing = new TreeSet<>();
        rules.forEach(r -> r.sources().stream().filter(k -> !archive.tensors().containsKey(k)).forEach(missing::add));
        return missing;
    }

    /**
     * The source keys some rule reads.
     *
     * @param rules the rules
     * @return the keys
     */
    static Set<String> used(List<LayoutRule> rules) {
        TreeSet<String> used = new TreeSet<>();
        rules.forEach(r -> used.addAll(r.sources()));
        return used;
    }

    /**
     * Applies rules whose sources are all present (check {@link #missing} first).
     *
     * @param rules the rules
     * @param archive the source tensors
     * @param metadata metadata of the result
     * @return float32 tensors with timm names
     * @throws CheckpointException if a source is not floating point or the sources cannot form the target
     */
    static TensorArchive apply(List<LayoutRule> rules, TensorArchive archive, Map<String, String> metadata) {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (LayoutRule rule : rules) {
            List<RawTensor> inputs = new ArrayList<>();
            for (String key : rule.sources()) {
                RawTensor t = archive.tensors().get(key);
                if (!t.isFloat()) {
                    throw new CheckpointException(archive.file(), "tensor '" + key + "' has dtype " + t.dtype()
                            + "; weights must be floating point");
                }
                inputs.add(t.toFloat32());
            }
            try {
                out.put(rule.target(), rule.convert().apply(inputs));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(archive.file(), "tensors " + rule.sources() + " cannot form '"
                        + rule.target() + "': " + e.getMessage(), e);
            }
        }
        return new TensorArchive(archive.file(), out, metadata);
    }
}
