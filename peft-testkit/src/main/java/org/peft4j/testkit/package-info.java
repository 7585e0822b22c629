/**
 * The conformance kit for method plugins: extend
 * {@link org.peft4j.testkit.PeftMethodConformanceTest} and name the provider, and the kit checks on
 * small real ViTs that the method describes itself compatibly, trains exactly its parameters,
 * counts them in closed form, round-trips through adapter files, merges exactly and refuses bad
 * hyperparameters ({@link org.peft4j.testkit.MethodConformance} holds the checks).
 */
package org.peft4j.testkit;
