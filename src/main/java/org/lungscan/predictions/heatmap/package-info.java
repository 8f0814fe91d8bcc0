/**
 * Where the model looked: {@link org.lungscan.predictions.heatmap.HeatmapService} gives a scan's
 * heatmap for any label of the loaded model (a grid, the scan with the map overlaid, or the overlay
 * alone), computed by the engine ({@code Heatmaps}) on the inference queue's networks when they are
 * idle, and cached per scan, model version and label.
 *
 * <p>Rules: scans are reached only through {@code ScanService} (scoped, audited); pictures are
 * painted with Java 2D and encoded by {@code scans.images}; the doors ({@code HeatmapResource},
 * {@code HeatmapServlet}) sit in {@code predictions}.
 *
 * <p>Imports the engine and the rest of predictions, scans, accounts, audit and platform.
 */
package org.lungscan.predictions.heatmap;
