package org.peft4j.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between a tensor and a number that is safe under autograd. Use these instead of
 * {@code NDArray.mul(Number)} and its siblings: DJL's PyTorch engine implements those with a
 * scalar tensor that borrows a Java buffer and is closed right after the operation, while autograd
 * may keep that scalar for the backward pass (for a product it does), which then reads freed
 * memory. The scalar made here lives in memory owned by libtorch.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-dimensional constant with the tensor's type, device and manager.
     *
     * @param like the tensor whose type, device and manager to use
     * @param value the constant
     * @return a new scalar tensor in libtorch-owned memory
     */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /**
     * x · s.
     *
     * @param x a tensor
     * @param s a number
     * @return the product
     */
    public static NDArray mul(NDArray x, double s) {
        return x.mul(constant(x, s));
    }

    /**
     * x + s.
     *
     * @param x a tensor
     * @param s a number
     * @return the sum
     */
    public static NDArray add(NDArray x, double s) {
        return x.add(constant(x, s));
    }

    /**
     * x / s.
     *
     * @param x a tensor
     * @param s a non-zero number
     * @return the quotient
     */
    public static NDArray div(NDArray x, double s) {
        return x.div(constant(x, s));
    }
}
