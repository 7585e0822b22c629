/**
 * Full fine-tuning ({@code docs/methods.md#full}): every backbone parameter is trained.
 */
package org.peft4j.methods.full;
