package org.lungscan.predictions;

import static org.lungscan.audit.AuditAction.PREDICT;
import static org.lungscan.audit.AuditAction.PREDICTION_LIST;
import static org.lungscan.audit.AuditAction.PREDICTION_READ;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.platform.Damaged;
import org.lungscan.platform.OneTransaction;
import org.lungscan.platform.PageRequest;
import org.lungscan.platform.Unavailable;
import org.lungscan.predictions.inference.ScanPreprocessor;
import org.lungscan.predictions.inference.ScanTensor;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;
import org.lungscan.scans.images.Sampling;

/**
 * Predictions on the signed-in doctor's scans, made by the loaded model and kept with its name and
 * version.
 */
@ApplicationScoped
public class PredictionService {

  static final String RESOURCE = "prediction";

  @Inject ScanService scans;
  @Inject LoadedModel model;
  @Inject PredictionRecords records;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;
  @Inject UploadedInputs uploadedInputs;
  @Inject OneTransaction transaction;

  @Inject MetricRegistry metrics;
  private Counter asked;
  private Timer predictionTime;

  // Registered once here rather than by @Counted/@Timed: Payara's metrics interceptor registers
  // lazily and failed (NullPointerException, a 500) on simultaneous first calls after a start.
  @PostConstruct
  void registerMetrics() {
    asked = metrics.counter(metadata("predictions", "Predictions asked for"));
    predictionTime =
        metrics.timer(metadata("prediction_time", "Time to predict, queue and storage included"));
  }

  private static Metadata metadata(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }

  /** Runs the model on the scan's image and records what it said. */
  public Prediction predict(long scanId) {
    asked.inc();
    try (Timer.Context timing = predictionTime.time()) {
      return predictUntimed(scanId);
    }
  }

  /**
   * The model reads the input kept from the upload's decode when there is one (after checking the
   * stored bytes are still intact), the stored image otherwise; the prediction's row and the audit
   * of the image read and the prediction are written in one transaction.
   */
  private Prediction predictUntimed(long scanId) {
    LungScan scan = scans.owned(scanId, PREDICT);
    ModelStatus status = model.status();
    if (!status.ready()) {
      record(PREDICT, scanId, Outcome.FAILURE);
      throw new Unavailable("No usable model is loaded: " + status.detail());
    }
    Reading reading;
    ModelStatus used;
    boolean pixelsRead = false;
    try (LoadedModel.InUse inUse = model.acquire()) {
      used = inUse.status();
      ScanTensor input = input(scan, inUse.preprocessor());
      pixelsRead = true;
      reading = inUse.read(input);
    } catch (Unavailable | Damaged refused) {
      if (pixelsRead) {
        scans.imageRead(scan);
      }
      record(PREDICT, scanId, Outcome.FAILURE);
      throw refused;
    }
    return transaction.run(
        () -> {
          Prediction prediction =
              records.add(
                  new Prediction(
                      scan,
                      reading.probabilities(),
                      used.name(),
                      used.version(),
                      used.intendedUse(),
                      reading.inferenceMs()));
          scans.imageReadWithin(scan);
          audit.recordShownWithin(
              actor(),
              PREDICT,
              RESOURCE,
              scanId,
              Shown.ofPatient(RESOURCE, patientOf(scan), List.of(prediction.getId())));
          return prediction;
        });
  }

  private ScanTensor input(LungScan scan, ScanPreprocessor preprocessor) {
    Optional<ScanTensor> kept = uploadedInputs.of(scan, preprocessor);
    if (kept.isPresent()) {
      scans.requireIntact(scan);
      return kept.get();
    }
    return preprocessed(scan, preprocessor);
  }

  /**
   * The scan's image as the model's input, decoded within the server's memory for images: keeping
   * only the pixels the model's preprocessing reads where that gives the very same tensor (see
   * {@link ScanPreprocessor#exactSubsampling}), every pixel otherwise.
   */
  private ScanTensor preprocessed(LungScan scan, ScanPreprocessor preprocessor) {
    return scans.withPixelsAuditedByCaller(
        scan,
        (width, height) -> {
          ScanPreprocessor.Subsampling exact = preprocessor.exactSubsampling(width, height);
          return new Sampling(exact.stepX(), exact.offsetX(), exact.stepY(), exact.offsetY());
        },
        preprocessor::preprocess);
  }

  /** The scan's predictions, newest first. */
  public List<Prediction> ofScan(long scanId) {
    LungScan scan = scans.owned(scanId, PREDICTION_READ);
    List<Prediction> found = records.ofScan(scanId);
    audit.recordShown(
        actor(),
        PREDICTION_READ,
        RESOURCE,
        scanId,
        Shown.ofPatient(RESOURCE, patientOf(scan), found.stream().map(Prediction::getId).toList()));
    return found;
  }

  /**
   * The patient's scans, newest first, each with its latest prediction: audited as the patient's
   * list of scans and, when there are any, the list of the predictions shown with them.
   */
  public List<ScanWithLatestPrediction> scansOfPatient(long patientId) {
    List<LungScan> found = scans.ofPatient(patientId);
    Map<Long, Prediction> latest = records.latestOf(found.stream().map(LungScan::getId).toList());
    if (!latest.isEmpty()) {
      List<Long> shown = latest.values().stream().map(Prediction::getId).sorted().toList();
      audit.recordShown(
          actor(), PREDICTION_LIST, RESOURCE, null, Shown.ofPatient(RESOURCE, patientId, shown));
    }
    return found.stream()
        .map(s -> new ScanWithLatestPrediction(s, Optional.ofNullable(latest.get(s.getId()))))
        .toList();
  }

  /**
   * Each scan's latest prediction, for features that show scans they read through {@code
   * ScanService} (which scoped and audited them); the caller audits what it shows.
   */
  public Map<Long, Prediction> latestOf(Collection<Long> scanIds) {
    return records.latestOf(scanIds);
  }

  public List<Prediction> list(PageRequest page) {
    List<Prediction> found = records.ofDoctor(doctor.id(), page);
    audit.recordShown(
        actor(),
        PREDICTION_LIST,
        RESOURCE,
        null,
        Shown.of(RESOURCE, found, p -> patientOf(p.getScan()), Prediction::getId));
    return found;
  }

  public long count() {
    return records.countOfDoctor(doctor.id());
  }

  public ModelStatus modelStatus() {
    return model.status();
  }

  private void record(AuditAction action, Long scanId, Outcome outcome) {
    audit.record(actor(), action, RESOURCE, scanId, outcome);
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }

  private static long patientOf(LungScan scan) {
    return scan.getPatient().getId();
  }
}
