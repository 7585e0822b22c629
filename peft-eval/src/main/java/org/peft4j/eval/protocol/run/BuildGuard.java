package org.peft4j.eval.protocol.run;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.BuildInfo;

/**
 * Keeps the trials of a comparison from one build: before a trial runs, the records already in the
 * store must come from this build (same version, commit and dirty flag), unless mixed builds are
 * allowed. Records already checked are not read again.
 */
public final class BuildGuard {

    /** The command-line option that allows mixed builds. */
    public static final String OPTION = "--allow-mixed-builds";

    private final String build;
    private final boolean allowMixed;
    private final Set<String> checked = new HashSet<>();

    /**
     * Creates a guard.
     *
     * @param build the build that runs trials, in words ({@link BuildInfo#describe()})
     * @param allowMixed true to run trials whatever built the existing records
     */
    public BuildGuard(String build, boolean allowMixed) {
        this.build = build;
        this.allowMixed = allowMixed;
    }

    /**
     * A guard for the build running now.
     *
     * @param allowMixed true to run trials whatever built the existing records
     * @return the guard
     */
    public static BuildGuard current(boolean allowMixed) {
        return new BuildGuard(BuildInfo.current().describe(), allowMixed);
    }

    /**
     * Checks the records of a store.
     *
     * @param store the comparison
     * @throws IllegalStateException if a record comes from another build and mixed builds are not allowed
     */
    public void check(ResultStore store) {
        if (allowMixed) {
            return;
        }
        for (String id : store.trialIds()) {
            if (checked.contains(id)) {
                continue;
            }
            Optional<TrialRecord> record = store.record(id);
            if (record.isEmpty()) {
                continue;
            }
            String other = record.get().execution().build();
            if (!other.equals(build)) {
                throw new IllegalStateException("the store " + store.root() + " holds trials run by " + other
                        + " (e.g. trial " + id + ") and this is " + build + "; run it with that build, or pass "
                        + OPTION + " to mix results of both builds");
            }
            checked.add(id);
        }
    }
}
