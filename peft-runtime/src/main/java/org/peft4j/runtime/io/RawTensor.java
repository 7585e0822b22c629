package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor read from a file: its dtype, shape and little-endian bytes, not yet on a device.
 *
 * @param dtype element type
 * @param shape dimensions
 * @param data exactly shape.size() × dtype size bytes
 */
public record RawTensor(DataType dtype, Shape shape, ByteBuffer data) {

    /**
     * Creates an NDArray with these values.
     *
     * @param manager where to create it
     * @return a float32 array (other float types are converted)
     */
    public NDArray toNDArray(NDManager manager) {
        NDArray array = manager.create(data.duplicate().order(ByteOrder.LITTLE_ENDIAN), shape, dtype);
        return dtype == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
    }
}
