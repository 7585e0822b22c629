/**
 * Many-shot layouts: stratified train/validation splits of a full training set
 * (docs/methods.md#many-shot).
 */
package org.peft4j.eval.manyshot;
