package org.peft4j.it;

import java.util.List;
import org.peft4j.eval.protocol.BenchmarkTask;
import org.peft4j.eval.protocol.Json;
import org.peft4j.runtime.config.PeftConfig;

/** Uses peft-eval and peft-runtime as a library user would. */
public final class Consumer {

    private Consumer() {
    }

    /**
     * Loads the defaults and prints a task as JSON.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        PeftConfig config = PeftConfig.load(List.of());
        System.out.println(config + " " + Json.canonical(new BenchmarkTask("shapes", "natural")));
    }
}
