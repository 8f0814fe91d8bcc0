package org.lungscan.predictions;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lungscan.scans.LungScan;

/** What one model said about one scan: the most likely class, its confidence and every class's. */
@Entity
@Table(name = "prediction")
public class Prediction {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "lung_scan_id", nullable = false, updatable = false)
  private LungScan scan;

  @Column(name = "predicted_class", nullable = false, length = 64, updatable = false)
  private String predictedClass;

  @Column(nullable = false, updatable = false)
  private double confidence;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(
      name = "prediction_probability",
      joinColumns = @JoinColumn(name = "prediction_id"))
  @MapKeyColumn(name = "label", length = 64)
  @Column(name = "probability", nullable = false)
  private Map<String, Double> probabilities = new LinkedHashMap<>();

  @Column(name = "model_name", nullable = false, length = 100, updatable = false)
  private String modelName;

  @Column(name = "model_version", nullable = false, length = 50, updatable = false)
  private String modelVersion;

  @Column(name = "intended_use", nullable = false, length = 500, updatable = false)
  private String intendedUse;

  @Column(name = "inference_ms", nullable = false, updatable = false)
  private double inferenceMs;

  @Column(name = "predicted_at", nullable = false, updatable = false)
  private Instant predictedAt;

  protected Prediction() {}

  public Prediction(
      LungScan scan,
      Map<String, Double> probabilities,
      String modelName,
      String modelVersion,
      String intendedUse,
      double inferenceMs) {
    if (probabilities.isEmpty()) {
      throw new IllegalArgumentException("a prediction needs at least one class");
    }
    this.scan = scan;
    this.probabilities = new LinkedHashMap<>(probabilities);
    var best = Collections.max(probabilities.entrySet(), Map.Entry.comparingByValue());
    this.predictedClass = best.getKey();
    this.confidence = best.getValue();
    this.modelName = modelName;
    this.modelVersion = modelVersion;
    this.intendedUse = intendedUse == null ? "" : intendedUse;
    this.inferenceMs = inferenceMs;
    this.predictedAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public LungScan getScan() {
    return scan;
  }

  public String getPredictedClass() {
    return predictedClass;
  }

  public double getConfidence() {
    return confidence;
  }

  public Map<String, Double> getProbabilities() {
    return Collections.unmodifiableMap(probabilities);
  }

  public String getModelName() {
    return modelName;
  }

  public String getModelVersion() {
    return modelVersion;
  }

  public String getIntendedUse() {
    return intendedUse;
  }

  public double getInferenceMs() {
    return inferenceMs;
  }

  public Instant getPredictedAt() {
    return predictedAt;
  }
}
