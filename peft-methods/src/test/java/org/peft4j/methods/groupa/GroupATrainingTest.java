package org.peft4j.methods.groupa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * A short training run lowers the loss for every method and moves every tensor it trains, which
 * shows that gradients reach each inserted or selected parameter. It uses the micro ViT: the same
 * run on vit-tiny took 8.5 CPU minutes for the 11 cases on two cores, the micro ViT a few seconds.
 */
class GroupATrainingTest {

    private static TinyLearnableTask task;

    @BeforeAll
    static void createTask() {
        task = new TinyLearnableTask(7);
    }

    @AfterAll
    static void closeTask() {
        task.close();
    }

    static Stream<GroupAMethod> methods() {
        return GroupAMethod.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void trainingLowersTheLossAndMovesEveryTrainedTensor(GroupAMethod method) {
        try (VisionTransformer vit = GroupAMethod.vitMicro(3)) {
            TinyLearnableTask.Outcome outcome = task.train(method.attach(vit, false));
            System.out.printf("%s: loss %.4f -> %.4f%n", method, outcome.lossBefore(), outcome.lossAfter());
            assertTrue(outcome.lossAfter() < outcome.lossBefore(),
                    "loss " + outcome.lossBefore() + " -> " + outcome.lossAfter());
            assertEquals(List.of(), outcome.unchanged());
        }
    }
}
