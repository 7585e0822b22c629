/**
 * The method registry: built-in methods and plugin JARs found through {@code ServiceLoader}.
 * Plugins are trusted code (docs/security.md).
 */
package org.peft4j.runtime.plugins;
