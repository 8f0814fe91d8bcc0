package org.lungscan.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lungscan.analytics.Analytics.Agreement;
import org.lungscan.analytics.Analytics.ModelFigures;
import org.lungscan.analytics.AnalyticsRecords.ModelCount;
import org.lungscan.reading.ReviewFact;

/**
 * The reviews of a period as the figures count them: every review written counts per day
 * (superseded ones too: they were work done); agreement and the per-model figures count only each
 * scan's current review, and only where it was compared with a prediction.
 */
record Reviews(List<ReviewFact> all) {

  static Reviews of(List<ReviewFact> facts) {
    return new Reviews(List.copyOf(facts));
  }

  long count() {
    return all.size();
  }

  Map<LocalDate, Long> byDay() {
    Map<LocalDate, Long> days = new TreeMap<>();
    for (ReviewFact r : all) {
      days.merge(LocalDate.ofInstant(r.reviewedAt(), ZoneOffset.UTC), 1L, Long::sum);
    }
    return days;
  }

  Agreement agreement() {
    long reviewed = compared().size();
    long agreed = compared().stream().filter(r -> r.agreesWithPrediction()).count();
    return Agreement.of(reviewed, agreed);
  }

  /**
   * Each model version's predictions in the period, with the reviews compared with its predictions;
   * a version reviewed in the period without predictions in it is listed too.
   */
  List<ModelFigures> byModel(List<ModelCount> predictions) {
    Map<List<String>, Long> predicted = new LinkedHashMap<>();
    predictions.forEach(m -> predicted.put(List.of(m.name(), m.version()), m.predictions()));
    Map<List<String>, List<ReviewFact>> reviewed = new LinkedHashMap<>();
    for (ReviewFact r : compared()) {
      List<String> model = List.of(r.modelName(), r.modelVersion());
      predicted.putIfAbsent(model, 0L);
      reviewed.computeIfAbsent(model, m -> new ArrayList<>()).add(r);
    }
    List<ModelFigures> models = new ArrayList<>();
    predicted.forEach(
        (model, count) -> {
          List<ReviewFact> its = reviewed.getOrDefault(model, List.of());
          Map<String, Map<String, Long>> confusion = new TreeMap<>();
          for (ReviewFact r : its) {
            confusion
                .computeIfAbsent(r.finding(), f -> new TreeMap<>())
                .merge(r.predictedClass(), 1L, Long::sum);
          }
          models.add(
              new ModelFigures(
                  model.get(0),
                  model.get(1),
                  count,
                  its.size(),
                  its.stream().filter(ReviewFact::agreesWithPrediction).count(),
                  confusion));
        });
    return models;
  }

  private List<ReviewFact> compared() {
    return all.stream()
        .filter(r -> r.current() && r.agreesWithPrediction() != null && r.modelVersion() != null)
        .toList();
  }
}
