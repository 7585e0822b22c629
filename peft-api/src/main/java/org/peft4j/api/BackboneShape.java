package org.peft4j.api;

/**
 * Dimensions of a ViT backbone, as a method needs them to size its tensors.
 *
 * @param imageSize input side in pixels
 * @param patchSize patch side in pixels
 * @param channels input channels (3)
 * @param dim token width D
 * @param depth number of transformer blocks L
 * @param heads attention heads
 * @param mlpHidden hidden width of the MLP (4·D)
 * @param numClasses classes of the head
 */
public record BackboneShape(
        int imageSize,
        int patchSize,
        int channels,
        int dim,
        int depth,
        int heads,
        int mlpHidden,
        int numClasses) {

    /**
     * Patches per side of the input grid.
     *
     * @return imageSize / patchSize
     */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /**
     * Number of patch tokens (without the class token).
     *
     * @return gridSize²
     */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /**
     * Width of one attention head.
     *
     * @return dim / heads
     */
    public int headDim() {
        return dim / heads;
    }

    /**
     * Number of parameters of the backbone without the head, with timm's layout.
     *
     * @return parameter count
     */
    public long backboneParameters() {
        long d = dim;
        long perBlock = 4 * d + (3 * d * d + 3 * d) + (d * d + d) + 2L * d * mlpHidden + mlpHidden + d;
        long embed = d * channels * patchSize * patchSize + d + d + (numPatches() + 1L) * d;
        return embed + depth * perBlock + 2 * d;
    }
}
