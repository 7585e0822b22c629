package org.peft4j.eval.support;

import java.util.List;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.BuildInfo;

/** Hand-made trial records for tests that fill a result store without training. */
public final class TestRecords {

    private TestRecords() {}

    /**
     * A record of a trial.
     *
     * @param t the trial
     * @param status how it ended
     * @param accuracy its held-out accuracy (ignored unless ok)
     * @param examples held-out examples
     * @param predictions the predictions sidecar, or null
     * @param inserted inserted parameters
     * @param backbone backbone parameters
     * @param peakRssMib peak memory
     * @return the record of this build (final trials trained 10 s, tuning trials 5 s)
     */
    public static TrialRecord of(Trial t, TrialStatus status, double accuracy, int examples,
            TrialRecord.PredictionsInfo predictions, long inserted, long backbone, double peakRssMib) {
        String method = t.settings().method();
        boolean ok = status == TrialStatus.OK;
        return new TrialRecord(TrialRecord.FORMAT, t.id(), "0".repeat(64), t.kind(), t.settings().protocol(), status,
                ok ? "" : "loss is NaN at epoch 0", t.settings(), t.trainSplit(), t.evalSplit(),
                new TrialRecord.MethodInfo(method, t.settings().methodVersion(), t.settings().spiVersion(), "given"),
                t.settings().spiVersion(), null, List.of(),
                ok ? new TrialRecord.Metrics(t.evalSplit(), accuracy, 0.5, examples) : null,
                new TrialRecord.ParameterCounts(inserted, inserted + 20, backbone), List.of(), predictions,
                new TrialRecord.Timing(t.kind() == TrialKind.FINAL ? 10.0 : 5.0, 12.0, 0),
                new TrialRecord.Memory(peakRssMib, "trial"),
                new TrialRecord.Execution("host", 1, "cpu()", 1, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                        BuildInfo.current().version(), "17", BuildInfo.current().commit(), BuildInfo.current().dirty(),
                        "2.7.1"));
    }

    /**
     * A record as another build would have written it.
     *
     * @param r a record
     * @param commit the other build's commit
     * @return the record with that commit
     */
    public static TrialRecord fromCommit(TrialRecord r, String commit) {
        TrialRecord.Execution e = r.execution();
        return new TrialRecord(r.format(), r.trialId(), r.configSha256(), r.kind(), r.protocol(), r.status(),
                r.message(), r.settings(), r.trainSplit(), r.evalSplit(), r.method(), r.runtimeSpiVersion(),
                r.baseCheckpointSha256(), r.data(), r.metrics(), r.parameters(), r.history(), r.predictions(),
                r.timing(), r.memory(), new TrialRecord.Execution(e.host(), e.pid(), e.device(), e.attempt(),
                        e.startedAt(), e.finishedAt(), e.peft4jVersion(), e.javaVersion(), commit, "false",
                        e.libtorchVersion()));
    }

    /**
     * A record with costs.
     *
     * @param r a record
     * @param costs its costs
     * @return the record with those costs
     */
    public static TrialRecord withCosts(TrialRecord r, TrialRecord.Costs costs) {
        return new TrialRecord(r.format(), r.trialId(), r.configSha256(), r.kind(), r.protocol(), r.status(),
                r.message(), r.settings(), r.trainSplit(), r.evalSplit(), r.method(), r.runtimeSpiVersion(),
                r.baseCheckpointSha256(), r.data(), r.metrics(), r.parameters(), r.history(), r.predictions(),
                r.timing(), r.memory(), r.execution(), costs);
    }
}
