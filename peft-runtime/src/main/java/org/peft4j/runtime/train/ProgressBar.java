package org.peft4j.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Shows training progress: a one-line bar (epoch, step, loss, lr, images/s, ETA) redrawn on a
 * terminal, or a log line every few seconds and after each epoch when output is not a terminal.
 */
public final class ProgressBar implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger(ProgressBar.class);
    private static final int WIDTH = 24;

    private final String label;
    private final int epochs;
    private final boolean terminal;
    private final PrintStream out;
    private final long logIntervalNanos;
    private long total;
    private long startStep;
    private long startNanos;
    private long lastPrint;
    private long images;

    /**
     * Creates a bar writing to stderr, drawing only when a console is attached.
     *
     * @param label what is trained, e.g. "lora on dtd"
     * @param epochs epochs of the run
     */
    public ProgressBar(String label, int epochs) {
        this(label, epochs, System.console() != null, System.err, 10);
    }

    /**
     * Creates a bar.
     *
     * @param label what is trained
     * @param epochs epochs of the run
     * @param terminal whether to redraw one line in place
     * @param out where the bar goes
     * @param logEverySeconds interval of log lines when not on a terminal
     */
    public ProgressBar(String label, int epochs, boolean terminal, PrintStream out, int logEverySeconds) {
        this.label = label;
        this.epochs = epochs;
        this.terminal = terminal;
        this.out = out;
        this.logIntervalNanos = logEverySeconds * 1_000_000_000L;
    }

    @Override
    public void onStart(long totalSteps, long doneSteps) {
        total = totalSteps;
        startStep = doneSteps;
        startNanos = System.nanoTime();
        lastPrint = startNanos;
    }

    @Override
    public void onStep(int epoch, long step, float loss, double lr, int batchImages) {
        images += batchImages;
        long now = System.nanoTime();
        String line = line(epoch, step, loss, lr, now);
        if (terminal && now - lastPrint > 200_000_000L) {
            out.print("\r" + line);
            out.flush();
            lastPrint = now;
        } else if (!terminal && now - lastPrint > logIntervalNanos) {
            LOG.info(line);
            lastPrint = now;
        }
    }

    @Override
    public void onEpoch(int epoch, double meanLoss, EvalResult eval) {
        String text = String.format(Locale.ROOT, "%s: epoch %d/%d done, mean loss %.4f%s", label, epoch + 1, epochs,
                meanLoss, eval == null ? "" : String.format(Locale.ROOT, ", held-out accuracy %.2f%%", eval.accuracy()));
        if (terminal) {
            out.print("\r\033[K");
        }
        LOG.info(text);
    }

    @Override
    public void onFinish() {
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    String line(int epoch, long step, float loss, double lr, long now) {
        double elapsed = (now - startNanos) / 1e9;
        long done = step - startStep;
        double perStep = done > 0 ? elapsed / done : 0;
        long remaining = Math.max(0, total - step);
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * step / total);
        return String.format(Locale.ROOT, "%s [%s%s] epoch %d/%d step %d/%d loss %.4f lr %.2e %.1f img/s ETA %s",
                label, "#".repeat(filled), "-".repeat(WIDTH - filled), epoch + 1, epochs, step, total, loss, lr,
                elapsed > 0 ? images / elapsed : 0, hms((long) (perStep * remaining)));
    }

    /**
     * A duration as {@code h:mm:ss}.
     *
     * @param seconds whole seconds
     * @return the text
     */
    public static String hms(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
