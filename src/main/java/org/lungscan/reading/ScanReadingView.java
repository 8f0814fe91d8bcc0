package org.lungscan.reading;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.PageMessages;
import org.lungscan.predictions.ModelStatus;
import org.lungscan.predictions.Prediction;
import org.lungscan.predictions.PredictionCard;
import org.lungscan.predictions.PredictionService;
import org.lungscan.predictions.ScanWithLatestPrediction;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;

/**
 * The page door to reading one scan ({@code /app/reading.xhtml?scan=ID}): the image large (zoom,
 * pan, brightness and contrast happen in the browser), the heatmap overlay, the prediction and its
 * history, the doctor's finding and its history, and an earlier scan of the patient beside it with
 * the patient's cancer probability over time.
 */
@Named("scanReading")
@ViewScoped
public class ScanReadingView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneId.systemDefault());

  @Inject ScanService scans;
  @Inject PredictionService predictions;
  @Inject ReviewService reviews;

  private Long scanId;
  private Side scan;
  private List<PredictionCard> predictionHistory = List.of();
  private List<ReviewCard> reviewHistory = List.of();
  private List<Choice> findings = List.of();
  private List<Choice> heatmapLabels = List.of();
  private String finding;
  private String note;
  private List<Side> priors = List.of();
  private Long priorId;
  private List<TrendPoint> trend = List.of();
  private ModelStatus model;

  /** One scan as the page shows it, with what the model and the doctor last said. */
  public record Side(
      long id,
      long patientId,
      String patientName,
      String uploaded,
      String alt,
      int width,
      int height,
      String originalFilename,
      PredictionCard prediction,
      ReviewCard review)
      implements Serializable {
    public long getId() {
      return id;
    }
  }

  /** A value to choose and its words. */
  public record Choice(String value, String label) implements Serializable {}

  /** The patient's cancer probability as of one scan. */
  public record TrendPoint(long scanId, String day, String percent, double value)
      implements Serializable {}

  /** Reads the scan named in the address; an unknown or foreign one shows "no longer exists". */
  public void load() {
    if (scanId == null) {
      throw new NotFound("lung_scan", 0);
    }
    model = predictions.modelStatus();
    LungScan opened = scans.get(scanId);
    predictionHistory =
        predictions.ofScan(scanId).stream().map(p -> PredictionCard.of(p, model)).toList();
    reviewHistory = reviews.ofScan(scanId).stream().map(ReviewCard::of).toList();
    scan =
        side(
            opened,
            predictionHistory.isEmpty() ? null : predictionHistory.get(0),
            reviewHistory.isEmpty() ? null : reviewHistory.get(0));
    findings =
        reviews.findingsFor(scanId).stream()
            .map(l -> new Choice(l, PredictionCard.inWords(l)))
            .toList();
    heatmapLabels = model.ready() ? choices(model.labels()) : List.of();
    readPatientsScans(opened);
  }

  private void readPatientsScans(LungScan opened) {
    List<ScanWithLatestPrediction> all = predictions.scansOfPatient(opened.getPatient().getId());
    Map<Long, Review> latestReviews =
        reviews.latestOf(all.stream().map(ScanWithLatestPrediction::scan).toList());
    List<Side> earlier = new ArrayList<>();
    boolean seen = false;
    for (ScanWithLatestPrediction s : all) {
      if (seen) {
        earlier.add(
            side(
                s.scan(),
                s.latestPrediction().map(p -> PredictionCard.of(p, model)).orElse(null),
                latestReviews.containsKey(s.scan().getId())
                    ? ReviewCard.of(latestReviews.get(s.scan().getId()))
                    : null));
      }
      seen |= s.scan().getId().equals(opened.getId());
    }
    priors = earlier;
    if (priorId == null || priors.stream().noneMatch(p -> p.id() == priorId)) {
      priorId = priors.isEmpty() ? null : priors.get(0).id();
    }
    Set<String> cancer = Set.copyOf(model.cancerLabels());
    List<TrendPoint> points = new ArrayList<>();
    for (ScanWithLatestPrediction s : oldestFirst(all)) {
      if (s.latestPrediction().isPresent() && !cancer.isEmpty()) {
        Prediction p = s.latestPrediction().get();
        double chance =
            p.getProbabilities().entrySet().stream()
                .filter(e -> cancer.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        points.add(
            new TrendPoint(
                s.scan().getId(),
                DAY.format(s.scan().getUploadedAt()),
                String.format(Locale.ROOT, "%.1f%%", chance * 100),
                chance));
      }
    }
    trend = points;
  }

  private static List<ScanWithLatestPrediction> oldestFirst(List<ScanWithLatestPrediction> all) {
    List<ScanWithLatestPrediction> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  private Side side(LungScan s, PredictionCard prediction, ReviewCard review) {
    String uploaded = WHEN.format(s.getUploadedAt());
    return new Side(
        s.getId(),
        s.getPatient().getId(),
        s.getPatient().getName(),
        uploaded,
        PageMessages.text("reading.view.imageAlt", s.getPatient().getName(), uploaded),
        s.getWidth(),
        s.getHeight(),
        s.getOriginalFilename(),
        prediction,
        review);
  }

  private static List<Choice> choices(List<String> labels) {
    return labels.stream().map(l -> new Choice(l, PredictionCard.inWords(l))).toList();
  }

  /** Records the doctor's finding; a refused one is shown beside its field. */
  public void record() {
    reviews.review(scanId, NewReview.of(finding, note));
    note = null;
    finding = null;
    PageMessages.info("reading.review.recorded");
    load();
  }

  public void predict() {
    predictions.predict(scanId);
    load();
  }

  public void priorChanged() {
    // the chosen prior is shown from what load() read
  }

  public Side getPrior() {
    return priors.stream()
        .filter(p -> priorId != null && p.id() == priorId)
        .findFirst()
        .orElse(null);
  }

  /** The chart's data for PrimeFaces (Chart.js): cancer probability in percent per scan. */
  public String getTrendChart() {
    JsonArrayBuilder days = Json.createArrayBuilder();
    JsonArrayBuilder values = Json.createArrayBuilder();
    trend.forEach(
        t -> {
          days.add(t.day());
          values.add(Math.round(t.value() * 1000) / 10.0);
        });
    return Json.createObjectBuilder()
        .add("type", "line")
        .add(
            "data",
            Json.createObjectBuilder()
                .add("labels", days)
                .add(
                    "datasets",
                    Json.createArrayBuilder()
                        .add(
                            Json.createObjectBuilder()
                                .add("label", PageMessages.text("reading.trend.series"))
                                .add("data", values)
                                .add("borderColor", "#0d47a1")
                                .add("backgroundColor", "#0d47a1")
                                .add("fill", false))))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("animation", false)
                .add(
                    "scales",
                    Json.createObjectBuilder()
                        .add("y", Json.createObjectBuilder().add("min", 0).add("max", 100))))
        .build()
        .toString();
  }

  public Long getScanId() {
    return scanId;
  }

  public void setScanId(Long scanId) {
    this.scanId = scanId;
  }

  public Side getScan() {
    return scan;
  }

  public ModelStatus getModel() {
    return model;
  }

  public List<PredictionCard> getPredictionHistory() {
    return predictionHistory;
  }

  public List<ReviewCard> getReviewHistory() {
    return reviewHistory;
  }

  public List<Choice> getFindings() {
    return findings;
  }

  public List<Choice> getHeatmapLabels() {
    return heatmapLabels;
  }

  /** The label the overlay shows first: the prediction's class, else the first cancer label. */
  public String getHeatmapLabel() {
    if (scan != null && scan.prediction() != null) {
      return scan.prediction().label();
    }
    return model == null || model.cancerLabels().isEmpty() ? "" : model.cancerLabels().get(0);
  }

  public String getFinding() {
    return finding;
  }

  public void setFinding(String finding) {
    this.finding = finding;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  public List<Side> getPriors() {
    return priors;
  }

  public Long getPriorId() {
    return priorId;
  }

  public void setPriorId(Long priorId) {
    this.priorId = priorId;
  }

  public List<TrendPoint> getTrend() {
    return trend;
  }
}
