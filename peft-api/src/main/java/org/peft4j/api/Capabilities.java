package org.peft4j.api;

import java.util.Optional;

/**
 * Optional capabilities that the runtime may offer to a method, looked up by type. A method asks
 * for the ones it can use and behaves as the papers describe when one is absent, so the core
 * interfaces stay free of features only some methods or modes need (see {@link ReferenceCompat}).
 */
public interface Capabilities {

    /**
     * Returns the capability of the given type, if the runtime offers it here.
     *
     * @param type the capability's type, e.g. {@code ReferenceCompat.class}
     * @param <T> the capability's type
     * @return the capability, or empty
     */
    <T> Optional<T> capability(Class<T> type);
}
