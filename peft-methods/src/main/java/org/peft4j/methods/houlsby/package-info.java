/**
 * Houlsby adapter ({@code docs/methods.md#houlsby}): sequential bottleneck adapters after every
 * attention and MLP branch.
 */
package org.peft4j.methods.houlsby;
