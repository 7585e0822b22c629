package org.peft4j.eval.protocol.store;

import java.util.List;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.runtime.BuildInfo;

/**
 * The outcome of one trial, written as {@code trials/<id>/record.json} (with a checksum, see
 * {@link RecordFiles}) by the process that ran it.
 *
 * @param format {@value #FORMAT}
 * @param trialId the trial's id
 * @param configSha256 full SHA-256 of the trial's canonical {kind, settings}; the id is its prefix
 * @param kind tuning or final
 * @param protocol study or quick
 * @param status ok, diverged or failed
 * @param message why a trial diverged or failed; empty when ok
 * @param settings the full resolved configuration
 * @param trainSplit the split trained on
 * @param evalSplit the split scored
 * @param method the method as it was loaded
 * @param runtimeSpiVersion the SPI version of the runtime that ran the trial
 * @param baseCheckpointSha256 SHA-256 of the pretrained weights, or null for a random backbone
 * @param data the list files read, with their content hashes
 * @param metrics held-out results after the last epoch; null unless ok
 * @param parameters parameter counts; null when the method could not be attached
 * @param history one entry per epoch
 * @param predictions the per-example predictions and probabilities file (final trials); else null
 * @param timing durations
 * @param memory peak resident memory
 * @param execution where, when and by whom the trial ran
 * @param costs time per epoch, device memory and inference speed; null in records written before
 *     they were kept
 */
public record TrialRecord(
        String format,
        String trialId,
        String configSha256,
        TrialKind kind,
        ProtocolKind protocol,
        TrialStatus status,
        String message,
        TrialSettings settings,
        String trainSplit,
        String evalSplit,
        MethodInfo method,
        String runtimeSpiVersion,
        String baseCheckpointSha256,
        List<SplitInfo> data,
        Metrics metrics,
        ParameterCounts parameters,
        List<EpochSummary> history,
        PredictionsInfo predictions,
        Timing timing,
        Memory memory,
        Execution execution,
        Costs costs) {

    /** Format tag of a record. */
    public static final String FORMAT = "peft4j-record/1";

    /**
     * A record without costs, as written before they were kept (and by tests that need none).
     *
     * @param format {@value #FORMAT}
     * @param trialId the trial's id
     * @param configSha256 SHA-256 of the trial's canonical configuration
     * @param kind tuning or final
     * @param protocol study or quick
     * @param status ok, diverged or failed
     * @param message why a trial diverged or failed
     * @param settings the full resolved configuration
     * @param trainSplit the split trained on
     * @param evalSplit the split scored
     * @param method the method as it was loaded
     * @param runtimeSpiVersion the runtime's SPI version
     * @param baseCheckpointSha256 SHA-256 of the pretrained weights, or null
     * @param data the list files read
     * @param metrics held-out results, or null
     * @param parameters parameter counts, or null
     * @param history one entry per epoch
     * @param predictions the predictions file, or null
     * @param timing durations
     * @param memory peak resident memory
     * @param execution where, when and by whom the trial ran
     */
    public TrialRecord(String format, String trialId, String configSha256, TrialKind kind, ProtocolKind protocol,
            TrialStatus status, String message, TrialSettings settings, String trainSplit, String evalSplit,
            MethodInfo method, String runtimeSpiVersion, String baseCheckpointSha256, List<SplitInfo> data,
            Metrics metrics, ParameterCounts parameters, List<EpochSummary> history, PredictionsInfo predictions,
            Timing timing, Memory memory, Execution execution) {
        this(format, trialId, configSha256, kind, protocol, status, message, settings, trainSplit, evalSplit, method,
                runtimeSpiVersion, baseCheckpointSha256, data, metrics, parameters, history, predictions, timing, memory,
                execution, null);
    }

    /**
     * The method as loaded.
     *
     * @param name registered name
     * @param version implementation version
     * @param spiVersion SPI version the plugin was built against
     * @param source plugin JAR, "classpath" or "given"
     */
    public record MethodInfo(String name, String version, String spiVersion, String source) {}

    /**
     * A list file read by the trial.
     *
     * @param split split name
     * @param listSha256 SHA-256 of the list file's bytes
     * @param examples images in the split
     */
    public record SplitInfo(String split, String listSha256, int examples) {}

    /**
     * Held-out results.
     *
     * @param split the scored split (val200 for tuning, test for final)
     * @param accuracy top-1 in percent, unrounded
     * @param loss mean cross-entropy
     * @param examples images scored
     */
    public record Metrics(String split, double accuracy, double loss, int examples) {}

    /**
     * Parameter counts of the adapted model.
     *
     * @param inserted trainable parameters outside the head (the study's "inserted parameters")
     * @param trainable trainable parameters, head included
     * @param backbone base parameters without the head
     */
    public record ParameterCounts(long inserted, long trainable, long backbone) {}

    /**
     * One epoch.
     *
     * @param epoch 0-based epoch
     * @param lr learning rate used
     * @param meanLoss mean training loss over the batches not skipped
     * @param skippedBatches batches skipped for a NaN or infinite loss (only under
     *     {@code reference-compat}; 0 in records written before it was recorded)
     */
    public record EpochSummary(int epoch, double lr, double meanLoss, int skippedBatches) {}

    /**
     * The predictions sidecar.
     *
     * @param file file name inside the trial folder
     * @param sha256 SHA-256 of the file
     * @param examples rows
     * @param classes probabilities per row
     */
    public record PredictionsInfo(String file, String sha256, int examples, int classes) {}

    /**
     * Durations in seconds.
     *
     * @param trainSeconds training (and the final evaluation) in this process
     * @param totalSeconds the whole trial in this process: data, model, training, evaluation
     * @param resumedEpochs epochs restored from the trial's epoch checkpoint instead of trained
     */
    public record Timing(double trainSeconds, double totalSeconds, int resumedEpochs) {}

    /**
     * Peak resident memory ({@code VmHWM}).
     *
     * @param peakRssMib peak resident set in MiB, or -1 where unknown
     * @param scope "trial" when the peak was reset before the trial, "process" when it covers the
     *     whole process
     */
    public record Memory(double peakRssMib, String scope) {}

    /**
     * Where and when the trial ran.
     *
     * @param host host name
     * @param pid process id
     * @param device the device trained on
     * @param attempt 1 for the first attempt, more after interruptions or corrupt records
     * @param startedAt ISO-8601 instant
     * @param finishedAt ISO-8601 instant
     * @param peft4jVersion version of peft4j, or "development build"
     * @param javaVersion the JVM's version
     * @param commit the git commit peft4j was built from, or "unknown"; null in records written before it was kept
     * @param dirty "true" when that build had uncommitted changes, "false", or "unknown"; null in older records
     * @param libtorchVersion the libtorch version of DJL's PyTorch engine; null in older records
     */
    public record Execution(String host, long pid, String device, int attempt, String startedAt, String finishedAt,
            String peft4jVersion, String javaVersion, String commit, String dirty, String libtorchVersion) {

        /**
         * The build that ran the trial, in words; two trials come from the same build when these are equal.
         *
         * @return e.g. "peft4j 0.1.0 (commit 1a2b3c4d5e6f)"
         */
        public String build() {
            return BuildInfo.describe(peft4jVersion, commit, dirty);
        }
    }

    /**
     * What a trial cost besides its parameters and its total time, for the report's cost tables and
     * Pareto fronts.
     *
     * @param epochSeconds mean wall time of one training epoch (its steps and data waits, no
     *     evaluation), or -1 when no epoch ran
     * @param gpuMemoryMib memory in use on the trial's GPU after training and evaluation, in MiB (the
     *     caching allocator keeps what the peak reserved, so this approximates the peak; other
     *     processes on the same GPU count too), or -1 when the trial ran on the CPU or it was unreadable
     * @param inference forward-pass throughput of the trained model; null unless a final trial ended ok
     */
    public record Costs(double epochSeconds, double gpuMemoryMib, Inference inference) {}

    /**
     * Forward-pass throughput on one fixed batch of the test split, without autograd, after one
     * untimed pass.
     *
     * @param batch images per pass
     * @param passes timed passes
     * @param unmergedImagesPerSecond with the method's modules in place
     * @param mergedImagesPerSecond after folding the method into the base weights, or -1 when the
     *     method is not mergeable
     */
    public record Inference(int batch, int passes, double unmergedImagesPerSecond, double mergedImagesPerSecond) {}
}
