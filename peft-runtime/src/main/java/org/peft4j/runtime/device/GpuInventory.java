package org.peft4j.runtime.device;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;

/**
 * What the engine can run on besides the CPU.
 *
 * @param cudaLibrary whether the loaded PyTorch native library was built with CUDA (the
 *     {@code pytorch-native-cpu} JAR is not, whatever GPUs the machine has)
 * @param devices CUDA devices the driver reports
 */
public record GpuInventory(boolean cudaLibrary, int devices) {

    /**
     * Asks an engine.
     *
     * @param engine a started engine
     * @return its GPUs
     */
    public static GpuInventory of(Engine engine) {
        return new GpuInventory(engine.hasCapability(StandardCapabilities.CUDA), engine.getGpuCount());
    }

    /**
     * GPUs that tensors can actually be placed on.
     *
     * @return the device count, or 0 with a CPU-only library
     */
    public int usable() {
        return cudaLibrary ? devices : 0;
    }

    /**
     * Why no GPU can be used, for messages.
     *
     * @return a clause starting with a lowercase word
     */
    String whyNone() {
        return cudaLibrary ? "PyTorch sees no CUDA device"
                : "the PyTorch native library in use is CPU-only (ai.djl.pytorch:pytorch-native-cpu); GPUs need a "
                        + "CUDA build (pytorch-native-cu*) on the class path instead";
    }
}
