package org.lungscan.reading;

import static org.lungscan.audit.AuditAction.WORKLIST_READ;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.platform.PageRequest;
import org.lungscan.predictions.ModelStatus;
import org.lungscan.predictions.Prediction;
import org.lungscan.predictions.PredictionService;
import org.lungscan.reading.WorklistRecords.LatestPrediction;
import org.lungscan.reading.WorklistRecords.Line;
import org.lungscan.scans.LungScan;

/**
 * The signed-in doctor's scans across all their patients, in the order a reader should take them:
 * by default the unreviewed ones, most suspicious first. Sorting and filtering read a few columns
 * of every scan; only the page shown is loaded in full, and audited as shown.
 */
@ApplicationScoped
public class WorklistService {

  @Inject WorklistRecords records;
  @Inject ReviewRecords reviews;
  @Inject PredictionService predictions;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  public Worklist worklist(Worklist.Status status, Worklist.Order order, PageRequest page) {
    long doctorId = doctor.id();
    ModelStatus model = predictions.modelStatus();
    Set<String> cancer = Set.copyOf(model.ready() ? model.cancerLabels() : List.of());
    Map<Long, LatestPrediction> latest = records.latestPredictionsOf(doctorId);
    Set<Long> reviewed = records.reviewedScansOf(doctorId);
    List<Ranked> kept =
        records.linesOf(doctorId).stream()
            .filter(line -> shows(status, reviewed.contains(line.scanId())))
            .map(line -> new Ranked(line, cancerProbability(latest.get(line.scanId()), cancer)))
            .sorted(order == Worklist.Order.DATE ? NEWEST : MOST_SUSPICIOUS)
            .toList();
    List<Long> ids =
        kept.stream().skip(page.offset()).limit(page.size()).map(r -> r.line().scanId()).toList();
    Map<Long, LungScan> scans = records.scans(doctorId, ids);
    Map<Long, Prediction> predicted = predictions.latestOf(ids);
    Map<Long, Review> reviewsOf = reviews.latestOf(ids);
    String card = model.ready() && !cancer.isEmpty() ? model.name() + " " + model.version() : null;
    List<Worklist.Entry> entries =
        kept.stream()
            .skip(page.offset())
            .limit(page.size())
            .filter(r -> scans.containsKey(r.line().scanId()))
            .map(
                r -> {
                  long id = r.line().scanId();
                  return new Worklist.Entry(
                      scans.get(id),
                      predicted.get(id),
                      reviewsOf.get(id),
                      r.cancerProbability(),
                      card);
                })
            .toList();
    audit.recordShown(
        AccountService.actorOf(doctor.get()),
        WORKLIST_READ,
        "lung_scan",
        null,
        Shown.of("lung_scan", entries, e -> e.scan().getPatient().getId(), e -> e.scan().getId()));
    return new Worklist(entries, kept.size());
  }

  /** The doctor's scans that no one has reviewed yet. */
  public long unreviewedCount() {
    return records.unreviewedCountOf(doctor.id());
  }

  private static boolean shows(Worklist.Status status, boolean reviewed) {
    return switch (status) {
      case ALL -> true;
      case REVIEWED -> reviewed;
      case UNREVIEWED -> !reviewed;
    };
  }

  /** The sum of the cancer labels' probabilities; null without a prediction or cancer labels. */
  static Double cancerProbability(LatestPrediction prediction, Set<String> cancerLabels) {
    if (prediction == null || cancerLabels.isEmpty()) {
      return null;
    }
    return prediction.chances().entrySet().stream()
        .filter(e -> cancerLabels.contains(e.getKey()))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private record Ranked(Line line, Double cancerProbability) {}

  private static final Comparator<Ranked> NEWEST =
      Comparator.comparing((Ranked r) -> r.line().uploadedAt())
          .thenComparing(r -> r.line().scanId())
          .reversed();

  private static final Comparator<Ranked> MOST_SUSPICIOUS =
      Comparator.comparing(
              Ranked::cancerProbability, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(NEWEST);
}
