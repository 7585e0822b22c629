package org.peft4j.runtime.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel normalisation of [0, 1] pixels, {@code (x − mean) / std}. Processed VTAB-1K uses
 * {@link #NONE} (docs/methods.md#transforms, reference defect 4); many-shot CIFAR-100 and RESISC use {@link #INCEPTION};
 * the TFDS path and CLEVR use {@link #IMAGENET}.
 */
public enum Normalization {
    /** Pixels stay in [0, 1]. */
    NONE(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f}),
    /** ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225). */
    IMAGENET(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
    /** Mean 0.5 and std 0.5 per channel: pixels in [−1, 1]. */
    INCEPTION(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}),
    /** OpenAI CLIP's mean (0.48145466, 0.4578275, 0.40821073) and std (0.26862954, 0.26130258, 0.27577711). */
    CLIP(new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    private final float[] mean;
    private final float[] std;

    Normalization(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param channel 0 red, 1 green, 2 blue
     * @return the mean subtracted from that channel
     */
    public float mean(int channel) {
        return mean[channel];
    }

    /**
     * @param channel 0 red, 1 green, 2 blue
     * @return the standard deviation dividing that channel
     */
    public float std(int channel) {
        return std[channel];
    }

    /**
     * The preset with these constants, as a model config states them.
     *
     * @param mean three per-channel means
     * @param std three per-channel standard deviations
     * @return the preset whose values agree within 1e-6, or empty
     */
    public static java.util.Optional<Normalization> matching(double[] mean, double[] std) {
        return Arrays.stream(values()).filter(n -> mean.length == 3 && std.length == 3
                && java.util.stream.IntStream.range(0, 3).allMatch(c -> Math.abs(n.mean[c] - mean[c]) < 1e-6
                        && Math.abs(n.std[c] - std[c]) < 1e-6)).findFirst();
    }

    /**
     * The name options and files use.
     *
     * @return e.g. {@code imagenet}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A preset by name.
     *
     * @param name {@code none}, {@code imagenet}, {@code inception} or {@code clip} (any case)
     * @return the preset
     */
    public static Normalization parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown normalisation '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList(), e);
        }
    }
}
