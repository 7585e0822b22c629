/**
 * Adapter files: a method's trainable tensors with its name, version and hyperparameters, saved
 * and loaded back through the method registry.
 */
package org.peft4j.runtime.adapters;
