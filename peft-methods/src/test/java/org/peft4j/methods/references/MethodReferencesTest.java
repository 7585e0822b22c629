package org.peft4j.methods.references;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peft4j.methods.TestModels;
import org.peft4j.testkit.MethodReference;

/**
 * Pins each built-in method's wiring (site, input stream, scale, trained tensors) against an
 * independent reference: logits in both modes, loss, every gradient and one AdamW step on a
 * 2-block vit-micro with non-trivial values in every inserted tensor (fixtures in
 * {@code src/test/resources/references}, written by {@code python/method_references.py}). Each
 * test prints its largest differences, the numbers of the table in {@code docs/methods.md#references}.
 */
class MethodReferencesTest {

    private static void check(String method, String fixture) {
        System.out.println(MethodReference.check(TestModels.provider(method), MethodReference.fixture(fixture)));
    }

    @Test
    void linearTrainsOnlyTheHead() {
        check("linear", "linear");
    }

    @Test
    void fullTrainsEveryBackboneTensor() {
        check("full", "full");
    }

    @Test
    void lnTrainsGammaAndBetaOfEveryLayerNorm() {
        check("ln", "ln");
    }

    @Test
    void bitfitTrainsEveryBiasIncludingLayerNormBeta() {
        check("bitfit", "bitfit");
    }

    @Test
    void difffitScalesBothBranchOutputsAndTrainsBiasesAndNorms() {
        check("difffit", "difffit");
    }

    @Test
    void ssfScalesAndShiftsAtAllEightSites() {
        check("ssf", "ssf");
    }

    @Test
    void vptShallowPrependsPromptsBeforeBlock0AndRemovesThemAfterTheLastBlock() {
        check("vpt_shallow", "vpt_shallow");
    }

    @Test
    void vptShallowUnderReferenceCompatRemovesThePromptsAfterBlock0() {
        check("vpt_shallow", "vpt_shallow-compat");
    }

    @Test
    void vptDeepPrependsFreshPromptsBeforeEveryBlock() {
        check("vpt_deep", "vpt_deep");
    }

    @Test
    void loraAddsBTimesAOfTheAttentionInputToQkvWithoutAlphaOverRank() {
        check("lora", "lora");
    }

    @Test
    void loraEqualsHuggingFacePeftOnQkvWithAlphaEqualToRank() {
        check("lora", "lora-hf-peft");
    }

    @Test
    void adaptformerReadsTheResidualStreamBeforeMlpAndScalesBy0_1() {
        check("adaptformer", "adaptformer");
    }

    @ParameterizedTest(name = "init {0}")
    @ValueSource(strings = {"lora_xavier", "xavier", "zero"})
    void pfeifferFollowsTheMlpOutputSequentiallyWithItsOwnResidual(String init) {
        check("pfeiffer", "pfeiffer-" + init);
    }

    @Test
    void houlsbyFollowsAttentionAndMlpOutputsSequentiallyWithScale0_1() {
        check("houlsby", "houlsby");
    }

    @Test
    void convpassReadsTheNormalisedStreamBesideBothBranchesAndConvolvesThePatchGrid() {
        check("convpass", "convpass");
    }

    @Test
    void repadapterMapsContiguousChannelGroupsOnTheNormalisedStreamBeforeQkvAndFc1() {
        check("repadapter", "repadapter");
    }

    @Test
    void factTtAddsSharedUAndVWithPerBlockCoresToQkvProjFc1AndFc2() {
        check("fact_tt", "fact_tt");
    }

    @Test
    void factTkBuildsEachBlocksCoresFromTheTuckerTensorInTheReferenceLayout() {
        check("fact_tk", "fact_tk");
    }

    @Test
    void vqtHidesQueriesFromKeysAndCombinesNormalisedOutputsWithClsFirst() {
        check("vqt", "vqt");
    }

    @Test
    void selectiveTrainsTheWholeAttentionOfTheLastBlock() {
        check("selective", "selective");
    }
}
