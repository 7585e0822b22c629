/**
 * The {@code peft} command line (picocli): one class per command, shared option groups, and {@code
 * ErrorReporter}, which turns every failure into one sentence. This module also chooses the
 * logging backend and the native libtorch.
 */
package org.peft4j.cli;
