package org.lungscan.predictions;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A prediction as the pages show it: the verdict in words, the confidence, every class's chance.
 */
public record PredictionCard(
    String label,
    String verdict,
    boolean cancer,
    double confidence,
    List<ClassChance> classes,
    String modelName,
    String modelVersion,
    String predictedAt,
    String inferenceMs)
    implements Serializable {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  /** One class and its probability, as a percentage. */
  public record ClassChance(String label, String percent) implements Serializable {}

  public static PredictionCard of(Prediction p, ModelStatus model) {
    boolean cancer = model.isCancer(p.getPredictedClass());
    String words = inWords(p.getPredictedClass());
    String verdict =
        model.cancerLabels().isEmpty()
            ? words
            : words + (cancer ? ": signs of cancer" : ": no sign of cancer");
    List<ClassChance> classes =
        p.getProbabilities().entrySet().stream()
            .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
            .map(e -> new ClassChance(inWords(e.getKey()), percent(e.getValue())))
            .toList();
    return new PredictionCard(
        p.getPredictedClass(),
        verdict,
        cancer,
        p.getConfidence(),
        classes,
        p.getModelName(),
        p.getModelVersion(),
        WHEN.format(p.getPredictedAt()),
        String.format(Locale.ROOT, "%.1f", p.getInferenceMs()));
  }

  public String getConfidencePercent() {
    return percent(confidence);
  }

  public int getConfidenceWhole() {
    return (int) Math.round(confidence * 100);
  }

  public static String inWords(String label) {
    String words = label.replace('_', ' ').replace('-', ' ').strip();
    return words.isEmpty() ? label : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String percent(double probability) {
    return String.format(Locale.ROOT, "%.1f%%", probability * 100);
  }
}
