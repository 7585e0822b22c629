/**
 * Data: VTAB-1K list files, CSV and image-folder datasets, validation of both splits, transforms
 * and normalisation, a decode-once image cache and the batch loader.
 */
package org.peft4j.runtime.data;
