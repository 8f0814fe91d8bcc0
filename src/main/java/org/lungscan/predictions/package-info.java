/**
 * Predictions: running the hospital's model on a doctor's scan, keeping what it said, and showing
 * scans with their predictions.
 *
 * <p>Offers {@link org.lungscan.predictions.PredictionService} (predict, a scan's predictions, the
 * doctor's predictions, a patient's scans each with its latest prediction, the model's status),
 * {@link org.lungscan.predictions.LoadedModel} (the model and its queue, loaded once) and the doors
 * {@code PredictResource}, {@code PredictionsResource}, {@code ModelResource} and {@code
 * ReadingView}. {@code inference} is the engine, {@code kerasimport} the Keras import.
 *
 * <p>Rules: a prediction is always reached through a scan of the signed-in doctor's, and audited;
 * pixels come from {@code ScanService}, the model's answer from the engine; doors reach the engine
 * only through the service.
 *
 * <p>Imports scans, patients, accounts, audit and platform; nothing imports predictions.
 */
package org.lungscan.predictions;
