package org.peft4j.cli;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.peft4j.runtime.device.GpuInventory;

/**
 * The GPUs of the machine as the CUDA runtime (DJL's {@code CudaUtils}) or, failing that, the
 * Linux NVIDIA driver ({@code /proc/driver/nvidia/gpus}) reports them, whatever libtorch is loaded.
 *
 * @param count GPUs present
 * @param cudaVersion the CUDA runtime version, or empty if unknown
 * @param memory one description per GPU known to the CUDA runtime
 */
record GpuReport(int count, String cudaVersion, List<String> memory) {

    private static final Path NVIDIA_GPUS = Path.of("/proc/driver/nvidia/gpus");

    /**
     * Looks at this machine.
     *
     * @return the report
     */
    static GpuReport detect() {
        int cuda = CudaUtils.getGpuCount();
        List<String> memory = new ArrayList<>();
        for (int i = 0; i < cuda; i++) {
            memory.add("gpu:" + i + " " + memory(i));
        }
        String version = cuda > 0 ? CudaUtils.getCudaVersionString() : "";
        return new GpuReport(Math.max(cuda, driverGpus()), version, memory);
    }

    /** @return e.g. "1 (CUDA 12.4): gpu:0 79.1 GiB total, 0.5 GiB used" or "none found" */
    String describe() {
        if (count == 0) {
            return "none found (no CUDA runtime device, no NVIDIA driver entry)";
        }
        return count + (cudaVersion.isEmpty() ? " (seen by the NVIDIA driver)" : " (CUDA " + cudaVersion + ")")
                + (memory.isEmpty() ? "" : ": " + String.join(", ", memory));
    }

    /**
     * The hint for a machine with GPUs whose loaded libtorch cannot use them.
     *
     * @param engine what the loaded libtorch offers
     * @return the hint, or empty if there is no GPU or the library is a CUDA build
     */
    Optional<String> cpuLibraryHint(GpuInventory engine) {
        if (count == 0 || engine.cudaLibrary()) {
            return Optional.empty();
        }
        return Optional.of(count + " GPU(s) present, but the loaded PyTorch library is CPU-only, so peft4j runs on "
                + "the CPU: replace ai.djl.pytorch:pytorch-native-cpu on the class path by the pytorch-native-cu* JAR "
                + "(same PyTorch version) of the machine's CUDA version"
                + (cudaVersion.isEmpty() ? "" : " (" + cudaVersion + ")") + " to train on the GPU");
    }

    private static String memory(int gpu) {
        try {
            MemoryUsage usage = CudaUtils.getGpuMemory(Device.gpu(gpu));
            return String.format(Locale.ROOT, "%.1f GiB total, %.1f GiB used", usage.getMax() / (double) (1L << 30),
                    usage.getCommitted() / (double) (1L << 30));
        } catch (RuntimeException e) {
            return "memory unknown";
        }
    }

    /** GPUs the Linux NVIDIA driver lists, 0 elsewhere. */
    private static int driverGpus() {
        if (!Files.isDirectory(NVIDIA_GPUS)) {
            return 0;
        }
        try (Stream<Path> gpus = Files.list(NVIDIA_GPUS)) {
            return (int) gpus.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
