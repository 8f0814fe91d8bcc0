/**
 * Predictions: the lung model, preprocessing, the inference queue and the predictions' records.
 * Depends on scans, patients, accounts, audit and platform.
 */
package org.lungscan.predictions;
