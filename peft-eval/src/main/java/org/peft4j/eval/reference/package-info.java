/**
 * Import of the study's own YAML experiment configurations (PETL_Vision) into peft4j method
 * settings.
 */
package org.peft4j.eval.reference;
