/**
 * Settings: every key declared and typed in {@code Settings}, layered by {@code PeftConfig} from
 * the built-in defaults, a user file and {@code key=value} overrides.
 */
package org.peft4j.runtime.config;
