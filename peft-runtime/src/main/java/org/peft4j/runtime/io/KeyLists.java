package org.peft4j.runtime.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Formats sorted lists of tensor names for error messages, cut after a readable length. */
final class KeyLists {

    private static final int SHOWN = 20;

    private KeyLists() {}

    /**
     * Describes missing and unexpected keys, each list sorted by the caller.
     *
     * @param missing keys the model needs and the file lacks
     * @param unexpected keys the file has and the model does not use
     * @return "; missing keys [...]; unexpected keys [...]", leaving out empty lists
     */
    static String describe(Collection<String> missing, Collection<String> unexpected) {
        return (missing.isEmpty() ? "" : "; missing keys " + list(missing))
                + (unexpected.isEmpty() ? "" : "; unexpected keys " + list(unexpected));
    }

    /**
     * Lists names, the first {@value #SHOWN} in full.
     *
     * @param names the names, in order
     * @return "[a, b, c]" or "[a, b, ... and 7 more]"
     */
    static String list(Collection<String> names) {
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(SHOWN, names.size()));
        String more = names.size() > SHOWN ? ", ... and " + (names.size() - SHOWN) + " more" : "";
        return "[" + String.join(", ", shown) + more + "]";
    }
}
