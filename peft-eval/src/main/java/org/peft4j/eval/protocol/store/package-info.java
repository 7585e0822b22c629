/**
 * The result store: a folder with the comparison's specification, one folder per trial (spec,
 * checksummed record, checkpoint, predictions) and the claims that keep a trial from running
 * twice.
 */
package org.peft4j.eval.protocol.store;
