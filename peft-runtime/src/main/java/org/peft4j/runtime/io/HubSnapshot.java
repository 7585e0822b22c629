package org.peft4j.runtime.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One revision of a model in the Hugging Face cache, resolved offline.
 *
 * @param reference what the user wrote, e.g. {@code hf-hub:timm/vit_base_patch16_224.augreg2_in21k_ft_in1k}
 * @param commit the 40-hex commit the revision points at
 * @param weights the snapshot's {@code model.safetensors}
 * @param config the snapshot's {@code config.json}, if it has one
 */
public record HubSnapshot(String reference, String commit, Path weights, Optional<Path> config) {}
