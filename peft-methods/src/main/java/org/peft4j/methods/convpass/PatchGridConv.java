package org.peft4j.methods.convpass;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.function.UnaryOperator;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.blocks.Dense;

/**
 * ConvPass's 3×3 convolution (r → r, padding 1, with bias) on token features (B, 1 + g², r): the
 * patch tokens are laid out as the g×g grid (token t at row t / g, column t % g); the class token
 * goes through the same conv as a padded 1×1 image, so only the centre tap and the bias act on it.
 */
final class PatchGridConv implements UnaryOperator<NDArray> {

    private static final NDIndex CLS = new NDIndex(":, :1, :");
    private static final NDIndex PATCHES = new NDIndex(":, 1:, :");
    private static final NDIndex CENTRE_TAP = new NDIndex(":, :, 1, 1");
    private static final Shape UNIT = new Shape(1, 1);

    private final ParameterHandle weight;
    private final ParameterHandle bias;
    private final int grid;

    private PatchGridConv(ParameterHandle weight, ParameterHandle bias, int grid) {
        this.weight = weight;
        this.bias = bias;
        this.grid = grid;
    }

    /**
     * Creates the conv's weight (r, r, 3, 3) and bias (r). Convs keep their init under
     * reference-compat, as timm re-initialises only Linear layers.
     *
     * @param host the backbone being adapted
     * @param layer dotted layer name, e.g. {@code blocks.0.ft_attn_module.adapter_conv}
     * @param channels r
     * @param grid patches per side
     * @param xavier xavier-uniform weight; otherwise zero except an identity centre tap
     * @return the conv
     */
    static PatchGridConv create(PeftHost host, String layer, int channels, int grid, boolean xavier) {
        return new PatchGridConv(
                host.parameter(layer + ".weight", new Shape(channels, channels, 3, 3),
                        xavier ? Init.xavierUniform() : identityCentreTap()),
                host.parameter(layer + ".bias", new Shape(channels), Init.zeros()),
                grid);
    }

    /**
     * Number of scalars of the conv.
     *
     * @param channels r
     * @return 9r² + r
     */
    static long parameters(long channels) {
        return 9 * channels * channels + channels;
    }

    private static Init identityCentreTap() {
        return (manager, shape) -> {
            int r = (int) shape.get(0);
            float[] values = new float[r * r * 9];
            for (int o = 0; o < r; o++) {
                values[(o * r + o) * 9 + 4] = 1f;
            }
            return manager.create(values, shape);
        };
    }

    @Override
    public NDArray apply(NDArray z) {
        Shape s = z.getShape();
        long b = s.get(0);
        long r = s.get(2);
        if (s.get(1) != 1L + (long) grid * grid) {
            throw new IllegalStateException("ConvPass expects 1 + " + grid + "x" + grid + " tokens (class token and"
                    + " patch grid) but got " + s.get(1) + "; it cannot be combined with methods that add tokens");
        }
        NDArray patches = z.get(PATCHES).reshape(b, grid, grid, r).transpose(0, 3, 1, 2);
        NDArray convolved = Conv2d.conv2d(patches, weight.array(), bias.array(), UNIT, UNIT).singletonOrThrow()
                .transpose(0, 2, 3, 1).reshape(b, (long) grid * grid, r);
        NDArray cls = Dense.apply(z.get(CLS), weight.array().get(CENTRE_TAP), bias.array());
        return cls.concat(convolved, 1);
    }
}
