package org.peft4j.methods.common;

/** Citation of the study whose baselines and code paths have no paper of their own. */
public final class StudyCitation {

    /** Mai et al., the unifying PEFT study that peft4j re-implements. */
    public static final String MAI_2024 = "Mai et al., Lessons and Insights from a Unifying Study of "
            + "Parameter-Efficient Fine-Tuning (PEFT) in Visual Recognition, arXiv 2409.16434";

    private StudyCitation() {}
}
