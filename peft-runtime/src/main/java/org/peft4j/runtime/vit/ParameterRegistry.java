package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The named parameters of one model, in creation order (base weights first, then a method's). */
public final class ParameterRegistry {

    private final Map<String, ModelParameter> byName = new LinkedHashMap<>();

    ModelParameter add(String name, NDArray array, boolean base) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already exists");
        }
        array.setName(name);
        ModelParameter p = new ModelParameter(name, array, base);
        p.setTrainable(false);
        byName.put(name, p);
        return p;
    }

    /**
     * Looks a parameter up.
     *
     * @param name dotted name
     * @return the parameter
     * @throws IllegalArgumentException naming the missing parameter
     */
    public ModelParameter get(String name) {
        ModelParameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return p;
    }

    /**
     * Whether a parameter exists.
     *
     * @param name dotted name
     * @return true if present
     */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * All parameters in order.
     *
     * @return an unmodifiable view
     */
    public Collection<ModelParameter> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /**
     * Parameters matching a predicate, in order.
     *
     * @param filter which to keep
     * @return a new list
     */
    public List<ModelParameter> where(Predicate<ModelParameter> filter) {
        List<ModelParameter> out = new ArrayList<>();
        for (ModelParameter p : byName.values()) {
            if (filter.test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Sum of the sizes of the parameters matching a predicate.
     *
     * @param filter which to count
     * @return number of scalars
     */
    public long count(Predicate<ModelParameter> filter) {
        long n = 0;
        for (ModelParameter p : byName.values()) {
            if (filter.test(p)) {
                n += p.size();
            }
        }
        return n;
    }

    void remove(String name) {
        ModelParameter p = byName.remove(name);
        if (p != null) {
            p.array().close();
        }
    }
}
