package org.peft4j.eval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of this process (JVM heap and native memory together). */
public final class PeakMemory {

    private PeakMemory() {}

    /**
     * Reads {@code VmHWM} from {@code /proc/self/status}.
     *
     * @return peak RSS in MiB, or -1 where /proc is not available
     */
    public static double peakRssMib() {
        return statusKib("VmHWM:") / 1024.0;
    }

    /**
     * Reads {@code VmRSS} from {@code /proc/self/status}.
     *
     * @return current RSS in MiB, or -1 where /proc is not available
     */
    public static double currentRssMib() {
        return statusKib("VmRSS:") / 1024.0;
    }

    /**
     * Resets the peak ({@code VmHWM}) to the current resident set by writing 5 to
     * {@code /proc/self/clear_refs} (Linux 4.0 and later), so that a later {@link #peakRssMib()}
     * covers only what follows.
     *
     * @return whether the reset worked
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusKib(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
