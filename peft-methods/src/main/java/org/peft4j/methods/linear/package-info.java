/**
 * Linear probing ({@code docs/methods.md#linear}): only the classification head is trained.
 */
package org.peft4j.methods.linear;
