/**
 * The Vision Transformer with timm's parameter names and the SPI's sites
 * (docs/methods.md#backbone), and {@code PeftModel}, which attaches, trains and merges a method.
 */
package org.peft4j.runtime.vit;
