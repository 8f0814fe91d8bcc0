/**
 * Reports: a scan's or a patient's findings as a PDF/A-2b document a hospital can archive (patient,
 * each scan with its image and heatmap, the prediction and model, the doctor's review, the notice
 * that the prediction alone is not a diagnosis). {@link org.lungscan.reports.ReportService} gathers
 * them through the features beneath (scoped and audited there) and {@code PdfReport} lays them out
 * with Apache PDFBox; {@code ScanReportResource}, {@code PatientReportResource} and {@code
 * ReportServlet} are the doors.
 *
 * <p>Fonts: DejaVu Sans (fonts-dejavu-core 2.37, Bitstream Vera license, see {@code
 * fonts/LICENSE-DejaVu.txt}), embedded as subsets.
 *
 * <p>Imports reading, predictions, scans, patients, accounts, audit and platform; nothing imports
 * reports.
 */
package org.lungscan.reports;
