package org.peft4j.cli;

/** The formats of other libraries that {@code peft export} and {@code peft import} know. */
final class InteropFormats {

    /** Hugging Face peft's LoRA adapter folder. */
    static final String HF_PEFT = "hf-peft";

    private InteropFormats() {}

    /**
     * Checks a {@code --format} value.
     *
     * @param format the value given
     * @throws CommandException if it is not a known format
     */
    static void require(String format) {
        if (!HF_PEFT.equals(format)) {
            throw new CommandException("unknown --format '" + format + "'; the only format is '" + HF_PEFT + "'");
        }
    }
}
