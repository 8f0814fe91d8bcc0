package org.lungscan.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row naming the active model, which every instance polls and activation locks. */
@Entity
@Table(name = "active_model")
public class ActiveModel {

  static final int ROW = 1;

  @Id private Integer id;

  @Column(name = "model_id")
  private Long modelId;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  protected ActiveModel() {}

  Long getModelId() {
    return modelId;
  }

  void activate(long modelId, Instant at) {
    this.modelId = modelId;
    this.changedAt = at;
  }

  Instant getChangedAt() {
    return changedAt;
  }
}
