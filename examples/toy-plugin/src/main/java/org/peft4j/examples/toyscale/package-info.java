/**
 * The smallest plugin: one learned scale, the template to copy for a new method.
 */
package org.peft4j.examples.toyscale;
