/**
 * AdaptFormer ({@code docs/methods.md#adaptformer}): a scaled ReLU bottleneck adapter in parallel
 * to every MLP, reading the residual stream.
 */
package org.peft4j.methods.adaptformer;
