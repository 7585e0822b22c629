package org.peft4j.api;

/**
 * A configured PEFT method. It declares, through {@link PeftHost}, the parameters it adds, the
 * modules it inserts at the backbone's {@link Site insertion points} and which base parameters
 * become trainable. It never sees the runtime's classes.
 *
 * <p>Optional capabilities are separate interfaces: {@link Mergeable}, {@link ClosedFormCount} and
 * {@link HfPeftForm}.
 */
public interface PeftMethod {

    /**
     * Declares everything this method adds to one backbone. Called once per model, before
     * training, after the base weights are loaded.
     *
     * @param host the backbone being adapted
     */
    void attach(PeftHost host);
}
