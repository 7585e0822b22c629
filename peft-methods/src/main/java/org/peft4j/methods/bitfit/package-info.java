/**
 * BitFit ({@code docs/methods.md#bitfit}): every bias of the backbone is trained.
 */
package org.peft4j.methods.bitfit;
