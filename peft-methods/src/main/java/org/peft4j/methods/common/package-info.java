/**
 * Study-specific helpers shared by the built-in methods: the reference's ReLU adapter module and
 * its naming ({@link org.peft4j.methods.common.ReluAdapters}, {@link
 * org.peft4j.methods.common.BlockSide}) and the study's citation. Reusable blocks live in {@code
 * org.peft4j.blocks}.
 */
package org.peft4j.methods.common;
