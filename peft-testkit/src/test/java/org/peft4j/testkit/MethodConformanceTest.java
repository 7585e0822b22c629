package org.peft4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.peft4j.testkit.ToyLoraProvider.Flaw;

/** Each check catches the defect it is meant for, with a message that points at it. */
class MethodConformanceTest {

    private static MethodConformance kit(Flaw flaw) {
        return new MethodConformance(new ToyLoraProvider(flaw));
    }

    private static void assertFailsMentioning(String expected, Executable check) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, check);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void everyCheckIsADynamicTest() {
        assertEquals(7, kit(Flaw.NONE).tests().size());
    }

    @Test
    void otherSpiVersionIsCaught() {
        assertFailsMentioning("built for SPI 1.0", kit(Flaw.OTHER_SPI)::describesItselfCompatibly);
    }

    @Test
    void wrongClosedFormIsCaught() {
        assertFailsMentioning("insertedParameters(shape) differs", kit(Flaw.WRONG_COUNT)::closedFormCountMatchesCountedParameters);
    }

    @Test
    void wrongMergeIsCaught() {
        assertFailsMentioning("merged but", kit(Flaw.WRONG_MERGE)::mergedModelMatchesUnmerged);
    }

    @Test
    void unusedParameterIsCaught() {
        assertFailsMentioning("parameter 'toy_lora.unused' is trainable but did not change",
                kit(Flaw.UNUSED_PARAMETER)::frozenParametersStayFixedAndTrainableOnesChange);
    }

    @Test
    void baseWeightChangedWhileAttachingIsCaught() {
        assertFailsMentioning("parameter 'blocks.0.norm2.weight' is a base parameter whose value changed",
                kit(Flaw.TOUCHES_BASE)::onlyDeclaredParametersAreTrainable);
    }

    @Test
    void parameterNamedLikeTheHeadIsCaught() {
        assertFailsMentioning("'head.toy_bias' was created by the method but would count as part of the head",
                kit(Flaw.HEAD_NAME)::onlyDeclaredParametersAreTrainable);
    }

    @Test
    void stateOutsideParametersIsCaughtBySaveAndLoad() {
        assertFailsMentioning("eval logits differ after save and load", kit(Flaw.HIDDEN_STATE)::saveAndLoadGiveIdenticalLogits);
    }

    @Test
    void checksOfMissingCapabilitiesAreSkipped() {
        MethodConformance plain = kit(Flaw.PLAIN);
        assertThrows(TestAbortedException.class, plain::mergedModelMatchesUnmerged);
        assertThrows(TestAbortedException.class, plain::closedFormCountMatchesCountedParameters);
    }

    @Test
    void outOfRangeValuesOfTheTestHyperparametersAreRejectedPerKey() {
        new MethodConformance(new ToyLoraProvider(), Map.of("rank", "2"), MethodConformance.DEFAULT_BACKBONES)
                .hyperparameterValidationRejectsBadValues();
    }
}
