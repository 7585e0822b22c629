package org.peft4j.runtime.vit;

import java.util.Optional;
import org.peft4j.api.ReferenceCompat;

/** The optional capabilities the runtime offers to a method at attach and at merge time. */
final class RuntimeCapabilities {

    private RuntimeCapabilities() {}

    /**
     * Looks up a capability.
     *
     * @param type the requested capability
     * @param referenceCompat whether the model is under the {@code reference-compat} switch
     * @param <T> the capability's type
     * @return {@link ReferenceCompat#INSTANCE} under the switch when asked for it, else empty
     */
    static <T> Optional<T> of(Class<T> type, boolean referenceCompat) {
        if (referenceCompat && type == ReferenceCompat.class) {
            return Optional.of(type.cast(ReferenceCompat.INSTANCE));
        }
        return Optional.empty();
    }
}
