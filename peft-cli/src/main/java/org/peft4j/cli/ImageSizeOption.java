package org.peft4j.cli;

import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine.Option;

/** {@code --image-size}, for the commands that fine-tune a backbone at a resolution of the user's choice. */
final class ImageSizeOption {

    @Option(names = "--image-size", paramLabel = "PX", description = "Input side in pixels, a multiple of the "
            + "model's patch size; the checkpoint's position embedding is resampled to it (default: the preset's)")
    Integer imageSize;

    /**
     * The architecture at the chosen size.
     *
     * @param preset the preset's architecture
     * @return it, at --image-size when given
     * @throws CommandException if the size is not a positive multiple of the patch size
     */
    VitConfig applyTo(VitConfig preset) {
        if (imageSize == null) {
            return preset;
        }
        if (imageSize < preset.patchSize() || imageSize % preset.patchSize() != 0) {
            throw new CommandException("--image-size " + imageSize + " is not a multiple of " + preset.name()
                    + "'s patch size " + preset.patchSize() + "; pass e.g. --image-size "
                    + Math.max(preset.patchSize(), imageSize / preset.patchSize() * preset.patchSize()));
        }
        return preset.withImageSize(imageSize);
    }
}
