package org.peft4j.methods.fact;

import org.peft4j.api.BackboneShape;

/**
 * The sizes FacT's tensors depend on.
 *
 * @param dim token width D
 * @param rank FacT dimension d
 * @param depth number of blocks L
 * @param hiddenRatio MLP hidden width / D (k = 4 for ViT), the number of D-wide chunks of the
 *     fc1 output and fc2 input
 */
public record FactShape(int dim, int rank, int depth, int hiddenRatio) {

    /**
     * The FacT sizes for a backbone.
     *
     * @param shape the backbone
     * @param rank FacT dimension d
     * @return the sizes
     * @throws IllegalArgumentException if the MLP width is not a multiple of the token width
     */
    public static FactShape of(BackboneShape shape, int rank) {
        if (shape.mlpHidden() % shape.dim() != 0) {
            throw new IllegalArgumentException("FacT needs an MLP hidden width that is a multiple of the token width, "
                    + "but the backbone has " + shape.mlpHidden() + " and " + shape.dim());
        }
        return new FactShape(shape.dim(), rank, shape.depth(), shape.mlpHidden() / shape.dim());
    }
}
