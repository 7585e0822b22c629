package org.peft4j.eval.protocol.results;

/**
 * How a results table shows the uncertainty of its cells: an interval after each number, the best
 * method per task and those not significantly worse than it, and a legend that says how these were
 * made. {@code org.peft4j.eval.stats.SignificanceReport} is the implementation; {@link #NONE} shows
 * the bare numbers.
 */
public interface CellMarks {

    /** No marks and no legend. */
    CellMarks NONE = new CellMarks() {
        @Override
        public String mark(ResultCell cell, String text) {
            return text;
        }

        @Override
        public String legend(int seeds) {
            return "";
        }
    };

    /**
     * The text of an ok cell with its marks.
     *
     * @param cell the cell
     * @param text its number, e.g. {@code 70.50 ± 1.20}
     * @return e.g. {@code **70.50 ± 1.20** [67.6, 73.3]}
     */
    String mark(ResultCell cell, String text);

    /**
     * Sentences for under the table: how the intervals and marks were made, and whether the seeds
     * are enough for the spread shown.
     *
     * @param seeds final seeds per cell
     * @return the legend, empty without marks
     */
    String legend(int seeds);
}
