/**
 * Reports of a result store: paper-style Markdown tables, CSV and JSON, and PNG figures drawn with
 * XChart.
 */
package org.peft4j.report;
