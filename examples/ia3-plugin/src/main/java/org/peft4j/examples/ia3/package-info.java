/**
 * (IA)³ as a third-party plugin: learned scales of keys, values and the MLP hidden activation,
 * built on peft-api and peft-blocks only.
 */
package org.peft4j.examples.ia3;
