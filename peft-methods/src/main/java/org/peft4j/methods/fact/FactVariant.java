package org.peft4j.methods.fact;

import org.peft4j.api.PeftHost;

/** How one FacT variant (tensor-train or Tucker) parameterises the per-block cores. */
public interface FactVariant {

    /**
     * Creates the variant's tensors, once for the whole model.
     *
     * @param host the backbone being adapted
     * @param prefix dotted prefix of the shared FacT module, {@code blocks.0.attn.fact.}
     * @param shape the sizes
     * @return the cores
     */
    FactCores create(PeftHost host, String prefix, FactShape shape);

    /**
     * Number of scalars of the variant's tensors (U and V excluded).
     *
     * @param shape the sizes
     * @return the count
     */
    long coreParameters(FactShape shape);
}
