package org.peft4j.runtime.io;

/** The file formats a checkpoint can have. */
public enum CheckpointFormat {
    /** safetensors with timm names. */
    SAFETENSORS,
    /** A NumPy zip of Flax arrays, as Google publishes ViT weights. */
    NPZ
}
