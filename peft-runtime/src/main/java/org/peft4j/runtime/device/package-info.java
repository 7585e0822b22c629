/**
 * Devices: starting DJL's PyTorch engine offline with fixed threads, resolving {@code cpu}, {@code
 * gpu}, {@code gpu:N} and {@code auto}.
 */
package org.peft4j.runtime.device;
