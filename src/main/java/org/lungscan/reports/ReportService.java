package org.lungscan.reports;

import static org.lungscan.audit.AuditAction.REPORT_READ;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.patients.Patient;
import org.lungscan.patients.PatientService;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.Unavailable;
import org.lungscan.predictions.Prediction;
import org.lungscan.predictions.PredictionService;
import org.lungscan.predictions.heatmap.HeatmapService;
import org.lungscan.reading.Review;
import org.lungscan.reading.ReviewService;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;

/**
 * PDF reports of the signed-in doctor's scans and patients. Everything in them is read through the
 * features that own it (scoped to the doctor and audited there); the report itself is audited as
 * {@code REPORT_READ} of the patient.
 */
@ApplicationScoped
public class ReportService {

  static final String RESOURCE = "report";
  private static final Logger LOG = Logger.getLogger(ReportService.class.getName());

  @Inject ScanService scans;
  @Inject PatientService patients;
  @Inject PredictionService predictions;
  @Inject ReviewService reviews;
  @Inject HeatmapService heatmaps;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  Clock clock = Clock.systemUTC();

  /** A finished report: its file name and bytes. */
  public record Report(String fileName, byte[] pdf) {
    public static final String CONTENT_TYPE = "application/pdf";
  }

  /** The report of one of the doctor's scans. @throws NotFound if it is not theirs */
  public Report ofScan(long scanId) {
    LungScan scan = owned(scanId);
    Patient patient = scan.getPatient();
    ScanSection section = section(scan);
    byte[] pdf =
        PdfReport.write(
            "LungScan report of scan " + scanId,
            clock.instant(),
            report -> {
              ReportLayout.patientPart(report, patient);
              ReportLayout.scanPart(report, section);
            });
    audit.recordShown(actor(), REPORT_READ, "lung_scan", scanId, Shown.patient(patient.getId()));
    return new Report("lungscan-scan-" + scanId + ".pdf", pdf);
  }

  /** The report of one of the doctor's patients: every scan, newest first. */
  public Report ofPatient(long patientId) {
    Patient patient;
    try {
      patient = patients.owned(patientId);
    } catch (NotFound notFound) {
      audit.record(actor(), REPORT_READ, "patient", patientId, Outcome.FAILURE);
      throw notFound;
    }
    List<ScanSection> sections = new ArrayList<>();
    for (LungScan scan : scans.ofPatient(patientId)) {
      sections.add(section(scan));
    }
    byte[] pdf =
        PdfReport.write(
            "LungScan report of patient " + patientId,
            clock.instant(),
            report -> {
              ReportLayout.patientPart(report, patient);
              report.field("Scans", Integer.toString(sections.size()));
              if (sections.isEmpty()) {
                report.paragraph("No scans have been uploaded for this patient.");
              }
              for (int i = 0; i < sections.size(); i++) {
                if (i > 0) {
                  report.pageBreak();
                }
                ReportLayout.scanPart(report, sections.get(i));
              }
            });
    audit.recordShown(actor(), REPORT_READ, "patient", patientId, Shown.patient(patientId));
    return new Report("lungscan-patient-" + patientId + ".pdf", pdf);
  }

  private LungScan owned(long scanId) {
    return scans.owned(scanId, REPORT_READ);
  }

  private ScanSection section(LungScan scan) {
    Optional<Prediction> prediction = predictions.ofScan(scan.getId()).stream().findFirst();
    Optional<Review> review = reviews.latestOf(scan.getId());
    return new ScanSection(
        scan.getId(),
        scan.getUploadedAt(),
        scan.getSizeBytes(),
        scan.getWidth(),
        scan.getHeight(),
        scan.getSha256(),
        picture(scan, prediction),
        prediction.map(ReportService::prediction).orElse(null),
        review.map(ReportService::review).orElse(null));
  }

  /** The scan with the heatmap of its predicted class; the scan alone if no model can make one. */
  private ScanSection.Picture picture(LungScan scan, Optional<Prediction> prediction) {
    String when = PdfReport.time(scan.getUploadedAt());
    String whose = scan.getPatient().getName();
    try {
      HeatmapService.Picture heatmap =
          heatmaps.overlaid(
              scan.getId(), prediction.map(Prediction::getPredictedClass).orElse(null));
      return new ScanSection.Picture(
          heatmap.png(),
          "Scan of "
              + whose
              + " uploaded "
              + when
              + ", with the model's evidence for \""
              + heatmap.label()
              + "\" overlaid ("
              + heatmap.method()
              + "; dark purple weaker, yellow stronger).");
    } catch (Unavailable noHeatmap) {
      LOG.fine(() -> "report of scan " + scan.getId() + " without a heatmap: " + noHeatmap);
      HeatmapService.Picture plain = heatmaps.plain(scan.getId());
      return new ScanSection.Picture(
          plain.png(),
          "Scan of "
              + whose
              + " uploaded "
              + when
              + " (no heatmap: "
              + noHeatmap.getMessage()
              + ").");
    }
  }

  private static ScanSection.Prediction prediction(Prediction p) {
    return new ScanSection.Prediction(
        p.getPredictedClass(),
        p.getConfidence(),
        p.getProbabilities(),
        p.getModelName(),
        p.getModelVersion(),
        p.getIntendedUse(),
        p.getPredictedAt());
  }

  private static ScanSection.Review review(Review r) {
    return new ScanSection.Review(
        r.getFinding(),
        r.getAgreesWithPrediction(),
        r.getNote(),
        r.getReviewer().getName(),
        r.getReviewedAt());
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }
}
