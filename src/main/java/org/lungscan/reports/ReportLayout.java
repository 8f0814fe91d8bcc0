package org.lungscan.reports;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lungscan.patients.Patient;

/** The order and words of a report: the patient, then each scan. */
final class ReportLayout {

  private ReportLayout() {}

  static void patientPart(PdfReport report, Patient patient) throws IOException {
    report.heading("LungScan report", 18);
    report.notice();
    report.gap();
    report.heading("Patient", 13);
    report.field("Name", patient.getName());
    report.field("Age", Integer.toString(patient.getAge()));
    report.field("Gender", patient.getGender().name().toLowerCase(Locale.ROOT));
    report.gap();
  }

  static void scanPart(PdfReport report, ScanSection scan) throws IOException {
    report.heading("Scan " + scan.scanId() + ", uploaded " + PdfReport.time(scan.uploadedAt()), 13);
    report.field(
        "Size", scan.sizeBytes() + " bytes, " + scan.width() + " x " + scan.height() + " px");
    report.field("SHA-256", scan.sha256());
    report.gap();
    report.picture(scan.picture());
    report.gap();
    report.heading("Prediction", 11);
    ScanSection.Prediction p = scan.prediction();
    if (p == null) {
      report.paragraph("No prediction has been made for this scan.");
    } else {
      report.field("Class", p.predictedClass());
      report.field("Confidence", PdfReport.percent(p.confidence()));
      report.field("Predicted", PdfReport.time(p.predictedAt()));
      report.paragraph("Every class:");
      report.probabilities(mostProbableFirst(p.probabilities()));
      report.field("Model", p.modelName() + ", version " + p.modelVersion());
      report.field("Intended use", p.intendedUse());
    }
    report.gap();
    report.heading("Review", 11);
    ScanSection.Review r = scan.review();
    if (r == null) {
      report.paragraph(PdfReport.NOT_REVIEWED);
    } else {
      report.field("Finding", r.finding());
      report.field("Agreement with the prediction", agreement(r.agrees()));
      report.field("Note", r.note() == null || r.note().isBlank() ? "(none)" : r.note());
      report.field("Reviewer", r.reviewer());
      report.field("Reviewed", PdfReport.time(r.reviewedAt()));
    }
  }

  private static Map<String, Double> mostProbableFirst(Map<String, Double> probabilities) {
    Map<String, Double> sorted = new LinkedHashMap<>();
    probabilities.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String agreement(Boolean agrees) {
    if (agrees == null) {
      return "no prediction to compare with";
    }
    return agrees ? "agrees" : "disagrees";
  }
}
