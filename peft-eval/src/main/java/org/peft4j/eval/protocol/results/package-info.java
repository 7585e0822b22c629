/**
 * The results of a comparison: the methods × tasks table built from the final records, with the
 * status of every cell.
 */
package org.peft4j.eval.protocol.results;
