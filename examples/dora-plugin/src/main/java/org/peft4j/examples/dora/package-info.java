/**
 * DoRA as a third-party plugin: weight-decomposed low-rank adaptation, reusing the low-rank
 * projection of peft-blocks.
 */
package org.peft4j.examples.dora;
