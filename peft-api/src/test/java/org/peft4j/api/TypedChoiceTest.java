package org.peft4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choices declared from an enum keep their textual form and come back as constants. */
class TypedChoiceTest {

    private enum Target { QKV, QKV_PROJ }

    private enum Spelled implements ChoiceLabel {
        KAIMING("lora_kaiming"), ZERO("zero-up");

        private final String label;

        Spelled(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            Hyperparameter.choice("targets", Target.class, Target.QKV, "adapted layers"),
            Hyperparameter.choice("init", Spelled.class, Spelled.ZERO, "init"));

    @Test
    void choicesAreTheLowerCaseNamesOrTheLabelsInDeclarationOrder() {
        Hyperparameter targets = SCHEMA.get("targets").orElseThrow();
        assertEquals(Hyperparameter.Type.CHOICE, targets.type());
        assertEquals(List.of("qkv", "qkv_proj"), targets.choices());
        assertEquals("qkv", targets.defaultValue());
        Hyperparameter init = SCHEMA.get("init").orElseThrow();
        assertEquals(List.of("lora_kaiming", "zero-up"), init.choices());
        assertEquals("zero-up", init.defaultValue());
    }

    @Test
    void valuesComeBackAsConstantsAndPrintAsText() {
        Hyperparameters values = SCHEMA.validate(Map.of("targets", "qkv_proj", "init", "lora_kaiming"));
        assertEquals(Target.QKV_PROJ, values.choice("targets", Target.class));
        assertEquals(Spelled.KAIMING, values.choice("init", Spelled.class));
        assertEquals("targets=qkv_proj;init=lora_kaiming", values.toString());
        Hyperparameters defaults = SCHEMA.validate(Map.of());
        assertEquals(Target.QKV, defaults.choice("targets", Target.class));
        assertEquals(Spelled.ZERO, defaults.choice("init", Spelled.class));
    }

    @Test
    void anUnknownLabelIsRefused() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> SCHEMA.validate(Map.of("targets", "QKV")));
        assertEquals("targets", e.key());
    }

    @Test
    void readingAChoiceWithAnotherEnumNamesTheKey() {
        Hyperparameters values = SCHEMA.validate(Map.of());
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> values.choice("init", Target.class));
        assertEquals("init", e.key());
    }
}
