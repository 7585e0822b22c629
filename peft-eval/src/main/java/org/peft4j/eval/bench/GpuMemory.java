package org.peft4j.eval.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

/** Memory in use on a GPU, as the CUDA driver reports it. */
public final class GpuMemory {

    private GpuMemory() {}

    /**
     * Reads the memory in use on a device. PyTorch's caching allocator keeps what it reserved, so
     * after a run this is close to the run's peak; every process on the device counts.
     *
     * @param device the device
     * @return MiB in use on a GPU, or -1 for the CPU or when the driver cannot be asked
     */
    public static double usedMib(Device device) {
        if (!device.isGpu()) {
            return -1;
        }
        try {
            return CudaUtils.getGpuMemory(device).getCommitted() / (1024.0 * 1024.0);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
