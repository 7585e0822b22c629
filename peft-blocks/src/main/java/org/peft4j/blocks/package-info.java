/**
 * Supported building blocks for PEFT method plugins, the same ones the built-in methods use:
 * {@link org.peft4j.blocks.AbstractMethodProvider} (a provider in a few lines),
 * {@link org.peft4j.blocks.LowRankProjection} (LoRA-style {@code up·down}) with
 * {@link org.peft4j.blocks.HfPeftLoraConfig} (its Hugging Face peft form),
 * {@link org.peft4j.blocks.BottleneckAdapter} with {@link org.peft4j.blocks.AdapterInit} and
 * {@link org.peft4j.blocks.AdapterSettings}, {@link org.peft4j.blocks.BranchComposition} (wiring a
 * module into a block's branch with drop path), {@link org.peft4j.blocks.PromptTokens},
 * {@link org.peft4j.blocks.ScaleShift} and {@link org.peft4j.blocks.OutputAffineFold} (affine
 * maps and their merge), {@link org.peft4j.blocks.BaseWeightTuning} with
 * {@link org.peft4j.blocks.BaseParameterGroup}, {@link org.peft4j.blocks.Dense}, and factories of
 * common hyperparameters. They depend on {@code peft-api} and DJL's API only, and follow the SPI's
 * versioning ({@link org.peft4j.api.SpiVersion}).
 */
package org.peft4j.blocks;
