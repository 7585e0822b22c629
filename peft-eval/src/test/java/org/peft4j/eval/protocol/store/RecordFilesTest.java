package org.peft4j.eval.protocol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.protocol.Fixtures;
import org.peft4j.eval.protocol.TrialIds;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.TrialStatus;

class RecordFilesTest {

    private static TrialRecord record() {
        TrialSettings s = Fixtures.settings("bias", Map.of("norms", "true"), 1e-3, 1e-4);
        String hash = TrialIds.configHash(TrialKind.TUNING, s);
        return new TrialRecord(TrialRecord.FORMAT, hash.substring(0, TrialIds.LENGTH), hash, TrialKind.TUNING,
                s.protocol(), TrialStatus.OK, "", s, "train800", "val200",
                new TrialRecord.MethodInfo("bias", "1.0", "1.0", "given"), "1.0", null,
                List.of(new TrialRecord.SplitInfo("train800", "ab".repeat(32), 24)),
                new TrialRecord.Metrics("val200", 58.333333333333336, 1.0986, 12),
                new TrialRecord.ParameterCounts(640, 739, 23520), List.of(new TrialRecord.EpochSummary(0, 1e-3, 1.2)),
                null, new TrialRecord.Timing(1.5, 1.7, 0), new TrialRecord.Memory(300.5, "trial"),
                new TrialRecord.Execution("host", 42, "cpu()", 1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:02Z",
                        "development build", "17"));
    }

    @Test
    void aRecordReadsBackEqual() throws CorruptRecordException {
        TrialRecord r = record();
        String text = RecordFiles.encode(r);
        assertTrue(text.startsWith("{\n  \"checksum\": \"sha256:"), text);
        assertEquals(r, RecordFiles.decode(text));
    }

    @Test
    void truncatedEditedOrUncheckedRecordsAreRejected() {
        String text = RecordFiles.encode(record());
        for (int cut : new int[] {0, 1, text.length() / 3, text.length() - 3}) {
            assertThrows(CorruptRecordException.class, () -> RecordFiles.decode(text.substring(0, cut)), "cut at " + cut);
        }
        CorruptRecordException edited = assertThrows(CorruptRecordException.class,
                () -> RecordFiles.decode(text.replace("58.333333333333336", "98.33333333333334")));
        assertTrue(edited.getMessage().startsWith("checksum mismatch"), edited.getMessage());
        String unchecked = text.replaceFirst("\"checksum\": \"[^\"]+\",\n", "");
        assertEquals("no 'checksum' member",
                assertThrows(CorruptRecordException.class, () -> RecordFiles.decode(unchecked)).getMessage());
    }
}
