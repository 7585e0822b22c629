package org.peft4j.runtime.adapters;

import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.vit.PeftModel;

/**
 * An adapter file attached to a base model.
 *
 * @param model the base with the re-created method attached and the saved tensors copied in
 * @param method the re-created method, for example to save the model again
 * @param metadata what the file recorded
 */
public record LoadedAdapter(PeftModel model, MethodInstance method, AdapterMetadata metadata) {}
