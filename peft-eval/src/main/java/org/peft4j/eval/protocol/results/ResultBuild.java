package org.peft4j.eval.protocol.results;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.BuildInfo;

/**
 * A build that produced trial records of a comparison, and how many.
 *
 * @param peft4jVersion the peft4j version
 * @param commit the git commit, or "unknown"
 * @param dirty "true", "false" or "unknown"
 * @param libtorchVersion the libtorch version, or "unknown"
 * @param trials records written by this build
 */
public record ResultBuild(String peft4jVersion, String commit, String dirty, String libtorchVersion, int trials) {

    /**
     * The builds of some records, in order of their description.
     *
     * @param records trial records
     * @return one entry per distinct (version, commit, dirty, libtorch)
     */
    public static List<ResultBuild> of(List<TrialRecord> records) {
        Map<ResultBuild, Long> counts = records.stream().map(r -> r.execution()).map(e -> new ResultBuild(
                known(e.peft4jVersion()), known(e.commit()), known(e.dirty()), known(e.libtorchVersion()), 0))
                .collect(Collectors.groupingBy(Function.identity(),
                        () -> new TreeMap<>(Comparator.comparing(ResultBuild::toString)), Collectors.counting()));
        return counts.entrySet().stream().map(e -> new ResultBuild(e.getKey().peft4jVersion, e.getKey().commit,
                e.getKey().dirty, e.getKey().libtorchVersion, e.getValue().intValue())).toList();
    }

    /**
     * The build in words.
     *
     * @return e.g. "peft4j 0.1.0 (commit 1a2b3c4d5e6f), libtorch 2.7.1"
     */
    public String describe() {
        return BuildInfo.describe(peft4jVersion, commit, dirty) + ", libtorch " + libtorchVersion;
    }

    /**
     * The sentence of a results file about the builds.
     *
     * @param builds the builds
     * @return e.g. "Built by peft4j 0.1.0 (commit 1a2b3c4d5e6f), libtorch 2.7.1." or "The results come from 2 builds: ..."
     */
    public static String sentence(List<ResultBuild> builds) {
        if (builds.isEmpty()) {
            return "No trial has finished yet.";
        }
        if (builds.size() == 1) {
            return "Built by " + builds.get(0).describe() + ".";
        }
        return "The results come from " + builds.size() + " builds: " + builds.stream()
                .map(b -> b.describe() + " (" + b.trials() + (b.trials() == 1 ? " trial)" : " trials)"))
                .collect(Collectors.joining("; ")) + ".";
    }

    private static String known(String value) {
        return value == null ? BuildInfo.UNKNOWN : value;
    }
}
