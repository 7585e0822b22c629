package org.peft4j.runtime.device;

import ai.djl.Device;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device request as the user writes it: {@code cpu}, {@code gpu} (the first GPU),
 * {@code gpu:N}, or {@code auto} (the first GPU when one is usable, else the CPU).
 *
 * @param text the request as written, for messages
 * @param kind what is asked for
 * @param index the GPU index for {@link Kind#GPU}, else -1
 */
public record DeviceSpec(String text, Kind kind, int index) {

    /** The accepted forms, for messages. */
    public static final String EXPECTED = "cpu, gpu, gpu:N (N = 0, 1, ...) or auto";

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,4}))?");

    /** What a request asks for. */
    public enum Kind {
        /** The first usable GPU, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** One GPU. */
        GPU
    }

    /**
     * Parses a request (case-insensitive, surrounding blanks ignored).
     *
     * @param text the request
     * @return the parsed request
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static DeviceSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return new DeviceSpec(text, Kind.AUTO, -1);
        }
        if (t.equals("cpu")) {
            return new DeviceSpec(text, Kind.CPU, -1);
        }
        Matcher m = GPU.matcher(t);
        if (m.matches()) {
            return new DeviceSpec(text, Kind.GPU, m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("device '" + text + "' is not valid: expected " + EXPECTED);
    }

    /**
     * Resolves the request on the PyTorch engine, starting it if needed.
     *
     * @return the device
     * @throws IllegalArgumentException if a GPU is asked for and cannot be used
     * @throws NativeLibraryException if the engine cannot start
     */
    public Device resolve() {
        return resolve(GpuInventory.of(EngineBootstrap.start()));
    }

    /**
     * Resolves the request against known GPUs.
     *
     * @param gpus what the engine offers
     * @return the device
     * @throws IllegalArgumentException if a GPU is asked for and cannot be used
     */
    public Device resolve(GpuInventory gpus) {
        return switch (kind) {
            case CPU -> Device.cpu();
            case AUTO -> gpus.usable() > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpus.usable() == 0) {
                    throw new IllegalArgumentException("device '" + text + "' needs a GPU, but " + gpus.whyNone()
                            + "; use --device cpu or auto");
                }
                if (index >= gpus.usable()) {
                    throw new IllegalArgumentException("device '" + text + "' does not exist: PyTorch sees "
                            + gpus.usable() + " GPU(s), gpu:0 to gpu:" + (gpus.usable() - 1));
                }
                yield Device.gpu(index);
            }
        };
    }
}
