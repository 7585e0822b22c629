/**
 * Every built-in method against fixtures computed outside peft4j: PyTorch written from
 * {@code docs/methods.md}, and Hugging Face peft where it has the same method
 * ({@code python/method_references.py}).
 */
package org.peft4j.methods.references;
