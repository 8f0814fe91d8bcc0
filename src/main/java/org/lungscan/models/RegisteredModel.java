package org.lungscan.models;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A model the hospital uploaded or configured: its card's facts, its file and its validation. */
@Entity
@Table(name = "registered_model")
public class RegisteredModel {

  private static final String SEPARATOR = "\n";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 50)
  private String version;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ModelState status;

  @Column(nullable = false, length = 64, updatable = false)
  private String folder;

  @Column(name = "file_name", nullable = false, length = 120, updatable = false)
  private String fileName;

  @Column(nullable = false, length = 64, updatable = false)
  private String sha256;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;

  @Column(nullable = false, length = 2000)
  private String labels;

  @Column(name = "cancer_labels", nullable = false, length = 2000)
  private String cancerLabels;

  @Column(name = "input_height", nullable = false)
  private int inputHeight;

  @Column(name = "input_width", nullable = false)
  private int inputWidth;

  @Column(name = "input_channels", nullable = false)
  private int inputChannels;

  @Column(name = "uploaded_at", nullable = false, updatable = false)
  private Instant uploadedAt;

  @Column(name = "uploaded_by", nullable = false, length = 254, updatable = false)
  private String uploadedBy;

  @Column(name = "validation_imported", nullable = false)
  private boolean imported;

  @Column(name = "validation_detail", nullable = false, length = 2000)
  private String detail;

  @Column(name = "reference_max_abs_diff")
  private Double referenceMaxAbsDiff;

  @Lob
  @Basic(fetch = FetchType.EAGER)
  @Column(name = "evaluation")
  private String evaluation;

  @Column(name = "evaluated_at")
  private Instant evaluatedAt;

  protected RegisteredModel() {}

  RegisteredModel(ModelFacts facts, StoredModelFile file, String uploadedBy, Instant at) {
    this.name = cut(facts.name(), 100);
    this.version = cut(facts.version(), 50);
    this.status = facts.imported() ? ModelState.AVAILABLE : ModelState.FAILED;
    this.folder = file.folder();
    this.fileName = file.fileName();
    this.sha256 = file.sha256();
    this.sizeBytes = file.sizeBytes();
    this.labels = cut(String.join(SEPARATOR, facts.labels()), 2000);
    this.cancerLabels = cut(String.join(SEPARATOR, facts.cancerLabels()), 2000);
    this.inputHeight = facts.inputHeight();
    this.inputWidth = facts.inputWidth();
    this.inputChannels = facts.inputChannels();
    this.uploadedAt = at;
    this.uploadedBy = cut(uploadedBy, 254);
    this.imported = facts.imported();
    this.detail = cut(facts.detail(), 2000);
    this.referenceMaxAbsDiff = facts.referenceMaxAbsDiff();
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getVersion() {
    return version;
  }

  public ModelState getStatus() {
    return status;
  }

  void setStatus(ModelState status) {
    this.status = status;
  }

  String getFolder() {
    return folder;
  }

  String getFileName() {
    return fileName;
  }

  public String getSha256() {
    return sha256;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public List<String> getLabels() {
    return split(labels);
  }

  public List<String> getCancerLabels() {
    return split(cancerLabels);
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
  }

  public int getInputHeight() {
    return inputHeight;
  }

  public int getInputWidth() {
    return inputWidth;
  }

  public int getInputChannels() {
    return inputChannels;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }

  public String getUploadedBy() {
    return uploadedBy;
  }

  public boolean isImported() {
    return imported;
  }

  public String getDetail() {
    return detail;
  }

  public Double getReferenceMaxAbsDiff() {
    return referenceMaxAbsDiff;
  }

  String getEvaluation() {
    return evaluation;
  }

  void setEvaluation(String evaluation, Instant at) {
    this.evaluation = evaluation;
    this.evaluatedAt = at;
  }

  public Instant getEvaluatedAt() {
    return evaluatedAt;
  }
}
