package org.peft4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftMethod;
import org.peft4j.runtime.vit.VitConfig;

/** Counting on one shared vit-b16, attaching and detaching methods in turn. */
class InsertedParameterCounterTest {

    @Test
    void countsOnVitB16MatchTheClosedFormAgainAndAgain() {
        ToyLoraProvider provider = new ToyLoraProvider();
        try (InsertedParameterCounter counter = new InsertedParameterCounter(VitConfig.preset("vit-b16", 10))) {
            for (String rank : new String[] {"8", "1", "8"}) {
                PeftMethod method = provider.create(provider.schema().validate(Map.of("rank", rank)));
                long expected = 12 * (Long.parseLong(rank) * (768 + 3 * 768) + 768);
                assertEquals(expected, ((ClosedFormCount) method).insertedParameters(counter.shape()));
                assertEquals(expected, counter.count(method), "rank " + rank);
            }
        }
    }
}
