/**
 * The stable, versioned SPI of peft4j (see {@link org.peft4j.api.SpiVersion}): a plugin's
 * {@link org.peft4j.api.PeftMethodProvider} describes a method and its typed hyperparameters, and
 * each {@link org.peft4j.api.PeftMethod} declares its parameters and the modules it inserts at the
 * backbone's {@link org.peft4j.api.Site sites} through a {@link org.peft4j.api.PeftHost}. Optional
 * capabilities ({@link org.peft4j.api.Mergeable}, {@link org.peft4j.api.ClosedFormCount}, and from
 * the runtime's side {@link org.peft4j.api.Capabilities}) are separate interfaces.
 */
package org.peft4j.api;
