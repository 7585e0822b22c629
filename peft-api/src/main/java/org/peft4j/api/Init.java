package org.peft4j.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Initial values of a new parameter. Random draws use the engine's seeded generator, so a fixed
 * seed gives the same values. Fan-in and fan-out follow PyTorch: for a shape (out, in, k...),
 * fan_in = in·k..., fan_out = out·k....
 */
@FunctionalInterface
public interface Init {

    /**
     * Creates the initial tensor.
     *
     * @param manager where to create it
     * @param shape its shape
     * @return a new float32 tensor of that shape
     */
    NDArray create(NDManager manager, Shape shape);

    /**
     * All zeros.
     *
     * @return the init
     */
    static Init zeros() {
        return NDManager::zeros;
    }

    /**
     * All ones.
     *
     * @return the init
     */
    static Init ones() {
        return NDManager::ones;
    }

    /**
     * Normal with the given mean and standard deviation.
     *
     * @param mean the mean
     * @param std the standard deviation
     * @return the init
     */
    static Init normal(float mean, float std) {
        return (m, s) -> m.randomNormal(mean, std, s, ai.djl.ndarray.types.DataType.FLOAT32);
    }

    /**
     * Normal(0, std) truncated to [-2, 2] absolute, as timm's trunc_normal_.
     *
     * @param std the standard deviation
     * @return the init
     */
    static Init truncNormal(float std) {
        return (m, s) -> m.randomNormal(0f, std, s, ai.djl.ndarray.types.DataType.FLOAT32)
                .clip(-2f, 2f);
    }

    /**
     * Uniform on [-bound, bound].
     *
     * @param bound half-width
     * @return the init
     */
    static Init uniform(float bound) {
        return (m, s) -> m.randomUniform(-bound, bound, s);
    }

    /**
     * PyTorch's default Linear/Conv weight init: kaiming-uniform with a = √5, i.e. uniform with
     * bound 1/√fan_in.
     *
     * @return the init
     */
    static Init kaimingUniform() {
        return (m, s) -> {
            float b = bound(1.0 / Math.sqrt(fanIn(s)));
            return m.randomUniform(-b, b, s);
        };
    }

    /**
     * Xavier (Glorot) uniform: bound √(6 / (fan_in + fan_out)).
     *
     * @return the init
     */
    static Init xavierUniform() {
        return (m, s) -> {
            float b = bound(Math.sqrt(6.0 / (fanIn(s) + fanOut(s))));
            return m.randomUniform(-b, b, s);
        };
    }

    /**
     * Fan-in of a weight shape, PyTorch convention.
     *
     * @param s shape (out, in, k...)
     * @return in·k...
     */
    static long fanIn(Shape s) {
        return s.dimension() < 2 ? s.get(0) : s.size() / s.get(0);
    }

    /**
     * Fan-out of a weight shape, PyTorch convention.
     *
     * @param s shape (out, in, k...)
     * @return out·k...
     */
    static long fanOut(Shape s) {
        return s.dimension() < 2 ? s.get(0) : s.size() / s.get(1);
    }

    private static float bound(double b) {
        return (float) b;
    }
}
