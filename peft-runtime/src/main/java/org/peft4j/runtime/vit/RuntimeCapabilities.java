package org.peft4j.runtime.vit;

import java.util.Optional;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.api.BackboneLayout;

/** The optional capabilities the runtime offers to a method at attach and at merge time. */
final class RuntimeCapabilities {

    private RuntimeCapabilities() {}

    /**
     * Looks up a capability.
     *
     * @param type the requested capability
     * @param referenceCompat whether the model is under the {@code reference-compat} switch
     * @param config the backbone's architecture
     * @param <T> the capability's type
     * @return {@link ReferenceCompat#INSTANCE} under the switch when asked for it, the backbone's
     *     {@link BackboneLayout}, else empty
     */
    static <T> Optional<T> of(Class<T> type, boolean referenceCompat, VitConfig config) {
        if (referenceCompat && type == ReferenceCompat.class) {
            return Optional.of(type.cast(ReferenceCompat.INSTANCE));
        }
        if (type == BackboneLayout.class) {
            return Optional.of(type.cast(config.layout()));
        }
        return Optional.empty();
    }
}
