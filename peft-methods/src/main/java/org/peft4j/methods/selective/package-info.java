/**
 * Selective tuning ({@code docs/methods.md#selective}): one part of each of the last blocks is
 * trained.
 */
package org.peft4j.methods.selective;
