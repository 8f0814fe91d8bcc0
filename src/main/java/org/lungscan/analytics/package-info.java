/**
 * Hospital-wide figures for administrators: accounts by status, patients, scans, predictions and
 * reviews per day, predicted classes, agreement of doctors with the AI per model version, inference
 * times. Only counts and times ever leave: never a name, email, patient or scan id.
 *
 * <p>Offers {@link org.lungscan.analytics.AnalyticsService}, its JSON door {@code GET
 * /api/admin/analytics} and the console page {@code /admin/analytics.xhtml}. Counts are read-only
 * aggregate queries over the tables of the features beneath it ({@link
 * org.lungscan.analytics.AnalyticsRecords}), so a figure costs one indexed query, not a walk
 * through every feature's entities. Imports the features beneath it; none imports it.
 */
package org.lungscan.analytics;
