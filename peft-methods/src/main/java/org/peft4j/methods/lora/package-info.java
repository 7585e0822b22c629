/**
 * LoRA ({@code docs/methods.md#lora}): a low-rank update of every block's fused qkv projection;
 * mergeable.
 */
package org.peft4j.methods.lora;
