package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/** The test split cannot influence selection: by the types involved, and by a run without test.txt. */
class SelectionIsolationTest {

    /** Every type reachable through the record components (and their type arguments) of the roots. */
    private static Set<Class<?>> reachable(Class<?>... roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(Arrays.asList(roots));
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                todo.addAll(Arrays.asList(p.getActualTypeArguments()));
                continue;
            }
            if (!(type instanceof Class<?> c) || !seen.add(c)) {
                continue;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    todo.push(rc.getGenericType());
                }
            }
        }
        return seen;
    }

    @Test
    void selectionSeesOnlyTypesWithoutTestData() {
        List<Method> select = Arrays.stream(Selector.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).toList();
        assertEquals(1, select.size());
        assertEquals("java.util.List<org.peft4j.eval.protocol.TuningOutcome>",
                select.get(0).getGenericParameterTypes()[0].getTypeName(), "selection takes tuning outcomes only");
        Set<Class<?>> types = reachable(TuningOutcome.class, Selection.class);
        assertTrue(types.contains(TrialSettings.class) && types.contains(TuningTrial.class), types.toString());
        for (Class<?> c : types) {
            assertFalse(c == FinalTrial.class || c == TrialRecord.class || c.getName().startsWith("org.peft4j.runtime.train.Eval")
                    || c.getPackageName().startsWith("org.peft4j.eval.protocol.store")
                    || c.getPackageName().startsWith("org.peft4j.runtime.data") && c != org.peft4j.runtime.data.Normalization.class,
                    "selection can reach " + c.getName());
        }
        for (Class<?> record : List.of(TuningOutcome.class, Selection.class, TuningTrial.class, TrialSettings.class)) {
            for (RecordComponent rc : record.getRecordComponents()) {
                assertFalse(rc.getName().toLowerCase().contains("test"), record.getSimpleName() + "." + rc.getName());
            }
        }
        assertEquals(0, FinalTrial.class.getConstructors().length, "only a Selection creates final trials");
        assertEquals("val200", new TuningTrial(Fixtures.settings("m", java.util.Map.of(), 1e-3, 1e-4), 0).evalSplit());
    }

    @Test
    void tuningCompletesWithoutTestTxtSoItNeverReadsIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path task = TinyBenchmark.writeTask(data, "alpha", 3, 1);
        Path checkpoint = TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors"));
        ComparisonSpec spec = TinyBenchmark.spec(data, checkpoint, List.of("alpha"), List.of("probe"), 2, 1);
        Files.delete(task.resolve("test.txt"));
        ResultStore store = ResultStore.create(dir.resolve("store"), spec);
        ComparisonRunTest.run(store);

        int tuning = 0;
        for (String id : store.trialIds()) {
            TrialRecord r = store.record(id).orElseThrow();
            if (r.kind() == TrialKind.TUNING) {
                tuning++;
                assertEquals(TrialStatus.OK, r.status(), r.message());
                assertEquals(List.of("train800", "val200"), r.data().stream().map(TrialRecord.SplitInfo::split).toList());
            } else {
                assertEquals(TrialStatus.FAILED, r.status(), "the final run needs test.txt");
                assertTrue(r.message().contains("test.txt") && r.message().contains("does not exist"), r.message());
            }
        }
        assertEquals(2, tuning, "both grid points were trained and scored without test.txt");
        ComparisonResults results = ComparisonResults.read(store);
        for (ResultCell cell : results.cells()) {
            assertEquals(CellStatus.FAILED, cell.status());
            assertTrue(cell.selectedTrial() != null && cell.valAccuracy() != null, "selection happened without test.txt");
        }
    }
}
