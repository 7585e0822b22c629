package org.peft4j.eval.protocol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
                new TrialRecord.ParameterCounts(640, 739, 23520), List.of(new TrialRecord.EpochSummary(0, 1e-3, 1.2, 0)),
                null, new TrialRecord.Timing(1.5, 1.7, 0), new TrialRecord.Memory(300.5, "trial"),
                new TrialRecord.Execution("host", 42, "cpu()", 1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:02Z",
                        "development build", "17", "a".repeat(40), "false", "2.7.1"));
    }

    @Test
    void aRecordReadsBackEqual() throws CorruptRecordException {
        TrialRecord r = record();
        String text = RecordFiles.encode(r);
        assertTrue(text.startsWith("{\n  \"checksum\": \"sha256:"), text);
        assertEquals(r, RecordFiles.decode(text));
    }

    @Test
    void costsReadBackEqual() throws CorruptRecordException {
        TrialRecord r = record();
        TrialRecord withCosts = new TrialRecord(r.format(), r.trialId(), r.configSha256(), r.kind(), r.protocol(),
                r.status(), r.message(), r.settings(), r.trainSplit(), r.evalSplit(), r.method(), r.runtimeSpiVersion(),
                r.baseCheckpointSha256(), r.data(), r.metrics(), r.parameters(), r.history(), r.predictions(),
                r.timing(), r.memory(), r.execution(),
                new TrialRecord.Costs(0.75, -1, new TrialRecord.Inference(32, 5, 812.5, -1)));
        String text = RecordFiles.encode(withCosts);
        assertTrue(text.contains("\"unmergedImagesPerSecond\": 812.5"), text);
        assertEquals(withCosts, RecordFiles.decode(text));
    }

    @Test
    void aRecordOfThePreviousFormatStillReads() throws CorruptRecordException {
        TrialRecord r = record();
        TrialRecord.Execution e = r.execution();
        TrialRecord old = new TrialRecord(r.format(), r.trialId(), r.configSha256(), r.kind(), r.protocol(), r.status(),
                r.message(), r.settings(), r.trainSplit(), r.evalSplit(), r.method(), r.runtimeSpiVersion(),
                r.baseCheckpointSha256(), r.data(), r.metrics(), r.parameters(), r.history(), r.predictions(),
                r.timing(), r.memory(), new TrialRecord.Execution(e.host(), e.pid(), e.device(), e.attempt(),
                        e.startedAt(), e.finishedAt(), e.peft4jVersion(), e.javaVersion(), null, null, null));
        // null members are not written: the text and checksum are those of the previous format
        String text = RecordFiles.encode(old);
        assertTrue(!text.contains("commit") && !text.contains("libtorch") && !text.contains("costs"), text);
        TrialRecord read = RecordFiles.decode(text);
        assertEquals(old, read);
        assertNull(read.costs());
        assertEquals("peft4j development build (commit unknown, tree state unknown)", read.execution().build());
        assertEquals("peft4j development build (commit aaaaaaaaaaaa)", e.build());
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
