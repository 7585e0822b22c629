package org.peft4j.api;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.function.Function;

/**
 * Optional capability of a {@link PeftMethod} that computes exactly the function of a Hugging Face
 * {@code peft} adapter on timm's ViT: it describes that adapter, and {@code peft export --format
 * hf-peft} writes it from a trained adapter file. The exporter adds the classifier head
 * ({@code modules_to_save}), peft's module prefix and {@code inference_mode}, and refuses a file
 * with a tensor that neither the head nor {@link #hfPeftTensors} used. Methods without such a
 * form simply do not implement it.
 */
public interface HfPeftForm {

    /**
     * The method's entries of peft's {@code adapter_config.json}.
     *
     * @param shape the backbone's dimensions
     * @return entries by key ({@code peft_type}, {@code target_modules}, ...); values are strings,
     *     numbers, booleans, null, lists or maps
     * @throws IllegalArgumentException with the reason, if these hyperparameters have no exact peft form
     */
    Map<String, Object> hfPeftConfig(BackboneShape shape);

    /**
     * The method's trained tensors as peft names and shapes them.
     *
     * @param shape the backbone's dimensions
     * @param tensors the adapter file's tensors by their peft4j names; a name the file lacks throws
     *     {@link IllegalArgumentException}
     * @return tensors by their name in the timm model, e.g. {@code blocks.0.attn.qkv.lora_A.weight};
     *     arrays made here belong to the manager of the tensor they are made from
     */
    Map<String, NDArray> hfPeftTensors(BackboneShape shape, Function<String, NDArray> tensors);
}
