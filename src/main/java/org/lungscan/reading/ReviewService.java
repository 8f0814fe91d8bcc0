package org.lungscan.reading;

import static org.lungscan.audit.AuditAction.REVIEW_CREATE;
import static org.lungscan.audit.AuditAction.REVIEW_LIST;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.NotFound;
import org.lungscan.predictions.ModelStatus;
import org.lungscan.predictions.Prediction;
import org.lungscan.predictions.PredictionService;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;

/**
 * The doctors' own findings on their scans. A review is compared with the scan's latest prediction
 * when it is written; a later review supersedes it and both stay. Reads and writes of one doctor's
 * reviews are scoped and audited; the hospital-wide figures at the end are for administrator
 * features (model evaluation, analytics), which check the role and audit their own requests.
 */
@ApplicationScoped
public class ReviewService {

  static final String RESOURCE = "review";

  @Inject ScanService scans;
  @Inject PredictionService predictions;
  @Inject ReviewRecords records;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  /**
   * Records the signed-in doctor's finding on their scan.
   *
   * @throws NotFound for a scan that is not the doctor's
   * @throws Invalid for a finding that is not one of the model's labels, or a note too long
   */
  public Review review(long scanId, @NotNull @Valid NewReview review) {
    LungScan scan = scans.owned(scanId, REVIEW_CREATE);
    Prediction seen = predictions.latestOf(List.of(scanId)).get(scanId);
    Collection<String> findings = findings(seen);
    if (!findings.contains(review.finding())) {
      audit.record(actor(), REVIEW_CREATE, RESOURCE, null, Outcome.FAILURE);
      throw new Invalid(
          "finding", "must be one of the model's labels: " + String.join(", ", findings));
    }
    Review saved =
        records.add(
            scanId,
            seen == null ? null : seen.getId(),
            doctor.id(),
            review.finding(),
            review.note());
    audit.recordShown(
        actor(),
        REVIEW_CREATE,
        RESOURCE,
        saved.getId(),
        Shown.ofPatient(RESOURCE, patientOf(scan), List.of(saved.getId())));
    return saved;
  }

  /**
   * What a doctor may find: the labels of the model loaded now and those of the prediction the
   * doctor saw (a scan predicted by an earlier model keeps its own labels), in that order.
   */
  public Collection<String> findings(Prediction seen) {
    ModelStatus model = predictions.modelStatus();
    Set<String> labels = new LinkedHashSet<>(model.ready() ? model.labels() : List.of());
    if (seen != null) {
      labels.addAll(seen.getProbabilities().keySet());
    }
    return labels;
  }

  /** The model's labels for the review form of this scan (its latest prediction's included). */
  public Collection<String> findingsFor(long scanId) {
    return findings(predictions.latestOf(List.of(scanId)).get(scanId));
  }

  /**
   * The scan's reviews, newest first (the first is the current one).
   *
   * @throws NotFound for a scan that is not the doctor's
   */
  public List<Review> ofScan(long scanId) {
    LungScan scan = scans.owned(scanId, REVIEW_LIST);
    List<Review> found = records.ofScan(scanId);
    audit.recordShown(
        actor(),
        REVIEW_LIST,
        RESOURCE,
        scanId,
        Shown.ofPatient(RESOURCE, patientOf(scan), found.stream().map(Review::getId).toList()));
    return found;
  }

  /**
   * One review of the doctor's scan.
   *
   * @throws NotFound for a scan that is not the doctor's, or a review not of that scan
   */
  public Review get(long scanId, long reviewId) {
    Review found =
        ofScan(scanId).stream()
            .filter(r -> r.getId() == reviewId)
            .findFirst()
            .orElseThrow(() -> new NotFound(RESOURCE, reviewId));
    return found;
  }

  /**
   * The scan's current review, if it was ever reviewed; scoped and audited like {@link #ofScan}.
   */
  public Optional<Review> latestOf(long scanId) {
    LungScan scan = scans.owned(scanId, REVIEW_LIST);
    Optional<Review> found = Optional.ofNullable(records.latestOf(List.of(scanId)).get(scanId));
    found.ifPresent(r -> shown(List.of(r), patientOf(scan)));
    return found;
  }

  /**
   * The current review of each of these scans of the signed-in doctor's (read through {@code
   * ScanService}, which scoped them), audited as shown: for answers that list scans.
   */
  public Map<Long, Review> latestOf(Collection<LungScan> shownScans) {
    Map<Long, Long> patientOf = new HashMap<>();
    shownScans.forEach(s -> patientOf.put(s.getId(), patientOf(s)));
    Map<Long, Review> latest = records.latestOf(patientOf.keySet());
    if (!latest.isEmpty()) {
      audit.recordShown(
          actor(),
          REVIEW_LIST,
          RESOURCE,
          null,
          Shown.of(
              RESOURCE,
              latest.values().stream().sorted(Comparator.comparing(Review::getId)).toList(),
              r -> patientOf.get(r.getScanId()),
              Review::getId));
    }
    return latest;
  }

  private void shown(List<Review> reviews, long patientId) {
    audit.recordShown(
        actor(),
        REVIEW_LIST,
        RESOURCE,
        null,
        Shown.ofPatient(RESOURCE, patientId, reviews.stream().map(Review::getId).toList()));
  }

  // Hospital-wide, not scoped by doctor: for administrator features only.

  /** Every reviewed scan's current review, oldest first: what a model is evaluated against. */
  public List<ReviewFact> reviewedScans() {
    return records.currentEverywhere();
  }

  /** Every review written in [from, to), superseded ones included, oldest first. */
  public List<ReviewFact> reviewsBetween(Instant from, Instant to) {
    return records.between(from, to);
  }

  /** Reviews written each day (UTC) in [from, to); days without any are left out. */
  public SortedMap<LocalDate, Long> countByDay(Instant from, Instant to) {
    SortedMap<LocalDate, Long> days = new TreeMap<>();
    for (ReviewFact r : records.between(from, to)) {
      days.merge(LocalDate.ofInstant(r.reviewedAt(), ZoneOffset.UTC), 1L, Long::sum);
    }
    return days;
  }

  /**
   * Of the reviews written in [from, to) that are still their scan's current one and were compared
   * with a prediction: how many, and how many agreed with it.
   */
  public Agreement agreement(Instant from, Instant to) {
    long reviewed = 0;
    long agreed = 0;
    for (ReviewFact r : records.between(from, to)) {
      if (r.current() && r.agreesWithPrediction() != null) {
        reviewed++;
        agreed += r.agreesWithPrediction() ? 1 : 0;
      }
    }
    return new Agreement(reviewed, agreed);
  }

  /** Reviews compared with a prediction, and those that agreed; rate null when none. */
  public record Agreement(long reviewed, long agreed) {
    public Double rate() {
      return reviewed == 0 ? null : (double) agreed / reviewed;
    }
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }

  private static long patientOf(LungScan scan) {
    return scan.getPatient().getId();
  }
}
