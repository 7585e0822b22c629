/**
 * ConvPass ({@code docs/methods.md#convpass}): bottleneck bypasses with a 3×3 convolution over
 * the patch grid, parallel to attention and MLP.
 */
package org.peft4j.methods.convpass;
