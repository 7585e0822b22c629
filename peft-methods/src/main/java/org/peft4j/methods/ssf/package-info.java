/**
 * SSF ({@code docs/methods.md#ssf}): a learnable scale and shift after every affine layer, folded
 * into it on merge.
 */
package org.peft4j.methods.ssf;
