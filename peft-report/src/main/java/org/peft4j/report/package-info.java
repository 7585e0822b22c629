/**
 * Reports of a result store: paper-style Markdown tables, CSV and JSON, PNG figures drawn with
 * XChart, and the self-contained report.html.
 */
package org.peft4j.report;
