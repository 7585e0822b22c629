package org.peft4j.methods.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Pins that a short training run lowers the loss for every built-in method and moves every tensor it trains.
 *
 * <p>Both runs use the micro ViT of {@link TestModels#micro}: on 2 shared cores a vit-tiny step
 * takes about a second (the 11 cases of the second run took 8.5 CPU minutes on vit-tiny), the
 * micro ViT a few seconds. The frozen-head run on {@link DominantChannelTask}
 * checks the adapter methods' own parameters; the run on {@link TinyLearnableTask} trains the
 * head too and checks that gradients reach each inserted or selected parameter.
 */
class TrainingTest {

    private static TinyLearnableTask task;

    @BeforeAll
    static void createTask() {
        task = new TinyLearnableTask(7);
    }

    @AfterAll
    static void closeTask() {
        task.close();
    }

    /** Adapter methods and a point each for the frozen-head run. */
    static Stream<Arguments> adapters() {
        return Stream.of(
                Arguments.of("lora", Map.of("rank", "8")),
                Arguments.of("adaptformer", Map.of("bottleneck", "16")),
                Arguments.of("pfeiffer", Map.of("bottleneck", "16")),
                Arguments.of("houlsby", Map.of("bottleneck", "8", "scale", "0.1")),
                Arguments.of("convpass", Map.of("bottleneck", "8")),
                Arguments.of("repadapter", Map.of("bottleneck", "8")),
                Arguments.of("fact_tt", Map.of("dim", "8")),
                Arguments.of("fact_tk", Map.of("dim", "16")));
    }

    /** 30 AdamW steps (lr 1e-3, batch 32, head frozen) on the method's parameters alone lower the loss by 5 %. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adapters")
    void shortTrainingWithAFrozenHeadLowersTheLoss(String name, Map<String, String> hyperparameters) {
        try (VisionTransformer vit = TestModels.micro(2, 9)) {
            TestModels.attach(vit, name, hyperparameters, false);
            DominantChannelTask.Result result = DominantChannelTask.train(vit, 30, 1e-3f);
            System.out.printf("%s: loss %.4f -> %.4f%n", name, result.before(), result.after());
            assertTrue(result.after() < 0.95f * result.before(),
                    name + ": loss " + result.before() + " -> " + result.after());
        }
    }

    /** Methods that train backbone tensors or prompts, in one configuration each. */
    static Stream<Arguments> backboneAndPromptMethods() {
        return Stream.of(
                Arguments.of("linear", Map.of()),
                Arguments.of("full", Map.of()),
                Arguments.of("ln", Map.of()),
                Arguments.of("bitfit", Map.of()),
                Arguments.of("difffit", Map.of()),
                Arguments.of("ssf", Map.of()),
                Arguments.of("vpt_shallow", Map.of("prompts", "10")),
                Arguments.of("vpt_deep", Map.of("prompts", "10")),
                Arguments.of("vqt", Map.of("prompts", "10")),
                Arguments.of("selective", Map.of("part", "block", "blocks", "1")),
                Arguments.of("selective", Map.of("part", "attn_qkv", "blocks", "3")));
    }

    /** 30 AdamW steps lower the loss and change every trainable tensor, so gradients reach each of them. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backboneAndPromptMethods")
    void trainingLowersTheLossAndMovesEveryTrainedTensor(String name, Map<String, String> hyperparameters) {
        try (VisionTransformer vit = TestModels.micro(3, 3)) {
            TinyLearnableTask.Outcome outcome = task.train(TestModels.attach(vit, name, hyperparameters, false));
            System.out.printf("%s %s: loss %.4f -> %.4f%n", name, hyperparameters, outcome.lossBefore(), outcome.lossAfter());
            assertTrue(outcome.lossAfter() < outcome.lossBefore(),
                    "loss " + outcome.lossBefore() + " -> " + outcome.lossAfter());
            assertEquals(List.of(), outcome.unchanged());
        }
    }
}
