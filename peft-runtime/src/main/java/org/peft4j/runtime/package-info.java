/**
 * The runtime that runs methods on a ViT: the backbone, weights, data, training, plugins, settings
 * and devices. {@code PeftRuntimeModule} offers Guice bindings to programs that use Guice (an
 * optional dependency).
 */
package org.peft4j.runtime;
