package org.peft4j.eval.protocol.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultTable;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.support.TestRecords;
import org.peft4j.runtime.BuildInfo;

class BuildGuardTest {

    private static final String OTHER = "b".repeat(40);

    @Test
    void aStoreWithARecordOfAnotherCommitIsRefusedUnlessMixedBuildsAreAllowed(@TempDir Path dir) {
        Path data = dir.resolve("vtab");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        ResultStore store = ResultStore.create(dir.resolve("store"), TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors")), List.of("alpha"),
                List.of("probe"), 1, 1));
        List<? extends Trial> tuning = new ComparisonState(store).refresh().get(0).group().tuning();
        store.writeRecord(TestRecords.of(tuning.get(0), TrialStatus.OK, 50, 12, null, 1, 1, 1));
        String me = "peft4j 1.0 (commit " + "a".repeat(12) + ")";
        assertDoesNotThrow(() -> new BuildGuard(BuildInfo.current().describe(), false).check(store),
                "records of this build");

        store.writeRecord(TestRecords.fromCommit(TestRecords.of(tuning.get(1), TrialStatus.OK, 60, 12, null, 1, 1, 1),
                OTHER));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new BuildGuard(me, false).check(store));
        String theirs = BuildInfo.describe(BuildInfo.current().version(), OTHER, "false");
        String expected = "the store " + store.root() + " holds trials run by ";
        assertEquals(true, refused.getMessage().startsWith(expected), refused.getMessage());
        assertEquals(true, refused.getMessage().endsWith(" and this is " + me + "; run it with that build, or pass "
                + "--allow-mixed-builds to mix results of both builds"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> BuildGuard.current(false).check(store),
                "this build differs from " + theirs);
        assertDoesNotThrow(() -> new BuildGuard(me, true).check(store));

        ComparisonResults results = ComparisonResults.read(store);
        assertEquals(2, results.builds().size());
        assertEquals(true, ResultTable.markdown(results).contains("The results come from 2 builds: "),
                ResultTable.markdown(results));
        assertEquals(true, ResultTable.json(results).contains("\"builds\""));
    }
}
