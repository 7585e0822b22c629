package org.peft4j.eval.protocol.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.store.CurveFile;
import org.peft4j.eval.protocol.store.CurvePoint;
import org.peft4j.runtime.train.EvalResult;

/** The curve file across a fresh start, a kill and a resume. */
class CurveRecorderTest {

    @TempDir
    Path dir;

    @Test
    void aResumedTrialContinuesTheCurveFromItsCheckpoint() throws Exception {
        Path file = dir.resolve(CurveFile.NAME);
        CurveRecorder first = new CurveRecorder(file);
        first.start(0);
        assertEquals(List.of(), CurveFile.read(file).orElseThrow(), "the file exists from the start, empty");
        for (int e = 0; e < 3; e++) {
            first.step(0.1 * (e + 1));
            first.epoch(e, 2.0 - e, e == 2 ? eval(75.0) : null);
        }
        // killed after epoch 2 was recorded but before its checkpoint: the checkpoint holds 2 epochs
        CurveRecorder second = new CurveRecorder(file);
        second.start(2);
        List<CurvePoint> kept = CurveFile.read(file).orElseThrow();
        assertEquals(List.of(0, 1), kept.stream().map(CurvePoint::epoch).toList());
        second.step(0.3);
        second.epoch(2, 0.5, eval(80.0));
        List<CurvePoint> points = CurveFile.read(file).orElseThrow();
        assertEquals(List.of(0, 1, 2), points.stream().map(CurvePoint::epoch).toList());
        assertEquals(2.0, points.get(0).trainLoss());
        assertEquals(0.1, points.get(0).lr());
        assertNull(points.get(1).evalAccuracy());
        assertEquals(0.5, points.get(2).trainLoss(), "the epoch trained again replaces the one before the kill");
        assertEquals(80.0, points.get(2).evalAccuracy());
        assertTrue(points.stream().allMatch(p -> p.seconds() >= 0));

        new CurveRecorder(file).start(0);
        assertEquals(List.of(), CurveFile.read(file).orElseThrow(), "a restart without checkpoint starts a new curve");
    }

    @Test
    void aDamagedCurveIsRefusedWithTheFileAndLine() throws Exception {
        Path file = dir.resolve(CurveFile.NAME);
        Files.writeString(file, CurveFile.HEADER + "\n0,1.5,0.01,2.0,\n1,oops,0.01,2.0,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CurveFile.read(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(file, CurveFile.HEADER + "\n1,1.5,0.01,2.0,\n0,1.4,0.01,2.0,\n");
        e = assertThrows(IllegalArgumentException.class, () -> CurveFile.read(file));
        assertTrue(e.getMessage().contains("epoch 0 does not follow epoch 1"), e.getMessage());

        CurveRecorder resumed = new CurveRecorder(file);
        resumed.start(1);
        assertEquals(List.of(), CurveFile.read(file).orElseThrow(), "a resume over a damaged file starts it again");
    }

    private static EvalResult eval(double accuracy) {
        return new EvalResult(accuracy, 0.3, new int[0], new float[0], new int[0], new float[0]);
    }
}
