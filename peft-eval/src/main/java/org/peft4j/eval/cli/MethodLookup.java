package org.peft4j.eval.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** Finds a method provider by name and creates a configured method. */
final class MethodLookup {

    private MethodLookup() {}

    static PeftMethod create(String name, Map<String, String> hyperparameters) {
        List<String> known = new ArrayList<>();
        for (PeftMethodProvider p : ServiceLoader.load(PeftMethodProvider.class)) {
            if (p.name().equals(name)) {
                return p.create(p.schema().validate(hyperparameters));
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; known methods: " + known);
    }
}
