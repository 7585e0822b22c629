package org.peft4j.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Parsing and resolving --device values against GPU inventories, and on this machine's engine. */
class DeviceSpecTest {

    private static final GpuInventory NONE = new GpuInventory(true, 0);
    private static final GpuInventory TWO = new GpuInventory(true, 2);
    private static final GpuInventory CPU_LIBRARY_ON_GPU_MACHINE = new GpuInventory(false, 8);

    @Test
    void parsesEveryForm() {
        assertEquals(DeviceSpec.Kind.CPU, DeviceSpec.parse("cpu").kind());
        assertEquals(DeviceSpec.Kind.AUTO, DeviceSpec.parse(" Auto ").kind());
        assertEquals(0, DeviceSpec.parse("gpu").index());
        assertEquals(3, DeviceSpec.parse("GPU:3").index());
        for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "cuda:0", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse(bad));
            assertEquals("device '" + bad + "' is not valid: expected cpu, gpu, gpu:N (N = 0, 1, ...) or auto", e.getMessage());
        }
    }

    @Test
    void autoTakesTheFirstUsableGpuElseTheCpu() {
        assertEquals(Device.gpu(0), DeviceSpec.parse("auto").resolve(TWO));
        assertEquals(Device.cpu(), DeviceSpec.parse("auto").resolve(NONE));
        assertEquals(Device.cpu(), DeviceSpec.parse("auto").resolve(CPU_LIBRARY_ON_GPU_MACHINE));
        assertEquals(Device.cpu(), DeviceSpec.parse("cpu").resolve(TWO));
    }

    @Test
    void explicitGpusMustExist() {
        assertEquals(Device.gpu(1), DeviceSpec.parse("gpu:1").resolve(TWO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("gpu:2").resolve(TWO));
        assertEquals("device 'gpu:2' does not exist: PyTorch sees 2 GPU(s), gpu:0 to gpu:1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("gpu").resolve(NONE));
        assertEquals("device 'gpu' needs a GPU, but PyTorch sees no CUDA device; use --device cpu or auto", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("gpu").resolve(CPU_LIBRARY_ON_GPU_MACHINE));
        assertTrue(e.getMessage().contains("the PyTorch native library in use is CPU-only"), e.getMessage());
    }

    @Test
    void thisBuildRunsOnTheCpu() {
        // the build bundles pytorch-native-cpu, so auto is the CPU and an explicit GPU is refused
        EngineBootstrap.start();
        assertEquals(Device.cpu(), DeviceSpec.parse("auto").resolve());
        assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse("gpu").resolve());
    }
}
