package org.peft4j.cli;

import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultTable;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.stats.SignificanceReport;

/** The table {@code peft compare} prints for a store: intervals and significance marks included. */
final class PrintedTable {

    private PrintedTable() {}

    /**
     * Renders the store's results as {@code peft compare} prints them at the end.
     *
     * @param store a finished comparison
     * @return the marked Markdown table with its legend
     */
    static String of(ResultStore store) {
        ComparisonResults results = ComparisonResults.read(store);
        return ResultTable.markdown(results, SignificanceReport.of(results, store::readPredictions));
    }
}
