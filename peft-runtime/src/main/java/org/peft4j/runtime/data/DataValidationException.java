package org.peft4j.runtime.data;

import java.util.List;
import java.util.stream.Collectors;

/** A data set failed validation; carries every problem found, its message shows the first few. */
public class DataValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How many problems the message lists before summarising the rest. */
    public static final int SHOWN = 5;

    private final transient List<DataProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems every problem found, in file order; not empty
     */
    public DataValidationException(List<DataProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order */
    public List<DataProblem> problems() {
        return problems;
    }

    private static String message(List<DataProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        String shown = problems.stream().limit(SHOWN).map(DataProblem::toString)
                .collect(Collectors.joining("\n  ", "", ""));
        int rest = problems.size() - Math.min(SHOWN, problems.size());
        return problems.size() + " data problem" + (problems.size() == 1 ? "" : "s") + ":\n  " + shown
                + (rest > 0 ? "\n  ... and " + rest + " more (run the validate command to list all)" : "");
    }
}
