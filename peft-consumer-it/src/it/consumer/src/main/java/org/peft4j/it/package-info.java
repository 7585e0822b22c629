/**
 * A tiny program that depends on peft-eval, built to check what a library user resolves.
 */
package org.peft4j.it;
