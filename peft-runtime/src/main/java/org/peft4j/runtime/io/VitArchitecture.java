package org.peft4j.runtime.io;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The dimensions of a ViT as far as its timm-named weights reveal them, to tell a checkpoint of
 * another model apart from a damaged one.
 *
 * @param dim token width
 * @param depth number of blocks
 * @param patchSize patch side in pixels
 * @param tokens tokens of the position embedding (patches + class token)
 * @param mlpHidden hidden width of the MLP (0 if the file has no block)
 */
record VitArchitecture(long dim, int depth, long patchSize, long tokens, long mlpHidden) {

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");

    /**
     * Reads the dimensions from tensor shapes.
     *
     * @param tensors tensors with timm names
     * @return the architecture, or empty when the file has no patch embedding or position embedding
     */
    static Optional<VitArchitecture> of(Map<String, RawTensor> tensors) {
        RawTensor patch = tensors.get("patch_embed.proj.weight");
        RawTensor pos = tensors.get("pos_embed");
        if (patch == null || pos == null || patch.shape().dimension() != 4 || pos.shape().dimension() != 3) {
            return Optional.empty();
        }
        int depth = 0;
        for (String key : tensors.keySet()) {
            Matcher m = BLOCK.matcher(key);
            if (m.matches()) {
                depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
            }
        }
        RawTensor fc1 = tensors.get("blocks.0.mlp.fc1.weight");
        long hidden = fc1 == null ? 0 : fc1.shape().get(0);
        Shape p = patch.shape();
        return Optional.of(new VitArchitecture(p.get(0), depth, p.get(2), pos.shape().get(1), hidden));
    }

    /**
     * The dimensions of a configuration.
     *
     * @param config the model
     * @return its architecture
     */
    static VitArchitecture of(VitConfig config) {
        return new VitArchitecture(config.dim(), config.depth(), config.patchSize(),
                config.shape().numPatches() + 1L, (long) config.dim() * config.mlpRatio());
    }

    /**
     * A phrase for messages, naming the preset with these dimensions if there is one.
     *
     * @return e.g. "dim 384, depth 12, patch 16, 197 tokens, MLP 1536 (like vit-s16)"
     */
    String describe() {
        String like = VitConfig.PRESETS.stream()
                .filter(name -> of(VitConfig.preset(name, 1)).equals(this))
                .findFirst().map(name -> " (like " + name + ")").orElse("");
        return "dim " + dim + ", depth " + depth + ", patch " + patchSize + ", " + tokens + " tokens, MLP "
                + mlpHidden + like;
    }
}
