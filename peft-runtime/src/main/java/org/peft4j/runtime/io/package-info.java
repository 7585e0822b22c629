/**
 * Weights on disk: a bounded safetensors reader and writer, npz (Google's ViT checkpoints,
 * docs/methods.md#checkpoint-conversion), checkpoint loading and atomic file writes.
 */
package org.peft4j.runtime.io;
