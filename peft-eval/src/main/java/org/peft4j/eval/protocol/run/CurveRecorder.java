package org.peft4j.eval.protocol.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.store.CurveFile;
import org.peft4j.eval.protocol.store.CurvePoint;
import org.peft4j.runtime.train.EvalResult;

/**
 * Records a trial's training curve while it trains: after every epoch, the epoch's train loss,
 * learning rate, wall time and held-out accuracy (when the epoch was evaluated) are added and the
 * {@link CurveFile} is replaced atomically. A resumed trial keeps the epochs its checkpoint
 * restored and continues from there; epochs after the checkpoint (recorded before a kill, then
 * trained again) are dropped.
 */
final class CurveRecorder {

    private static final Logger LOG = LogManager.getLogger(CurveRecorder.class);

    private final Path file;
    private final List<CurvePoint> points = new ArrayList<>();
    private long epochStart;
    private double lr = Double.NaN;

    /**
     * Creates a recorder.
     *
     * @param file the trial's curve file
     */
    CurveRecorder(Path file) {
        this.file = file;
    }

    /**
     * Called when training starts or resumes.
     *
     * @param resumedEpochs epochs restored from the epoch checkpoint
     */
    void start(int resumedEpochs) {
        points.clear();
        if (resumedEpochs > 0) {
            try {
                CurveFile.read(file).orElse(List.of()).stream().filter(p -> p.epoch() < resumedEpochs)
                        .forEach(points::add);
            } catch (IllegalArgumentException e) {
                LOG.warn("the training curve restarts without the {} restored epochs: {}", resumedEpochs,
                        e.getMessage());
            }
        }
        CurveFile.write(file, points);
        epochStart = System.nanoTime();
    }

    /**
     * Called after each optimizer step.
     *
     * @param stepLr the step's learning rate
     */
    void step(double stepLr) {
        lr = stepLr;
    }

    /**
     * Called after each epoch: adds it and writes the file.
     *
     * @param epoch the 0-based epoch
     * @param meanLoss the epoch's mean train loss
     * @param eval the evaluation after the epoch, or null
     */
    void epoch(int epoch, double meanLoss, EvalResult eval) {
        long now = System.nanoTime();
        points.add(new CurvePoint(epoch, meanLoss, lr, (now - epochStart) / 1e9, eval == null ? null : eval.accuracy()));
        CurveFile.write(file, points);
        epochStart = now;
    }
}
