package org.peft4j.methods.groupa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** The counted inserted parameters equal each method's closed form on vit-tiny and ViT-B/16. */
class GroupAInsertedCountTest {

    static Stream<GroupAMethod> methods() {
        return GroupAMethod.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void countOnVitTinyEqualsClosedForm(GroupAMethod method) {
        try (VisionTransformer vit = GroupAMethod.vitTiny(1)) {
            PeftModel model = method.attach(vit, false);
            long closedForm = assertInstanceOf(ClosedFormCount.class, model.method()).insertedParameters(vit.shape());
            assertEquals(closedForm, vit.insertedParameters());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void countOnVitB16EqualsClosedFormAndSpec(GroupAMethod method) {
        Engine.getInstance().setRandomSeed(2);
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-b16", 102), Device.cpu())) {
            PeftModel model = method.attach(vit, false);
            long closedForm = assertInstanceOf(ClosedFormCount.class, model.method()).insertedParameters(vit.shape());
            assertEquals(method.vitB16Count(), closedForm, "closed form");
            assertEquals(method.vitB16Count(), vit.insertedParameters(), "counted");
        }
    }
}
