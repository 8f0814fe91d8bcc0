package org.lungscan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One line of the audit trail. Immutable: written once, never updated or deleted. Its id and hash
 * are given by {@link AuditTrail} when it joins the chain; every text is cut to its column first.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  /** Whether the audited action happened or was refused. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED
  }

  static final int EMAIL_LENGTH = 254;
  static final int TYPE_LENGTH = 32;
  static final int RESOURCE_ID_LENGTH = 64;
  static final int ADDRESS_LENGTH = 45;
  static final int DETAIL_LENGTH = 1000;

  @Id private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "actor_id", updatable = false)
  private Long actorId;

  @Column(name = "actor_email", length = EMAIL_LENGTH, updatable = false)
  private String actorEmail;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 32, updatable = false)
  private AuditAction action;

  @Column(name = "resource_type", length = TYPE_LENGTH, updatable = false)
  private String resourceType;

  @Column(name = "resource_id", length = RESOURCE_ID_LENGTH, updatable = false)
  private String resourceId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16, updatable = false)
  private Outcome outcome;

  @Column(name = "client_address", length = ADDRESS_LENGTH, updatable = false)
  private String clientAddress;

  /** Whose data the event showed or changed, if a patient's. */
  @Column(name = "patient_id", updatable = false)
  private Long patientId;

  /** The ids shown, as {@code kind=id,id,...} (see the package documentation). */
  @Column(length = DETAIL_LENGTH, updatable = false)
  private String detail;

  @Column(name = "chain_hash", length = 64, updatable = false)
  private String chainHash;

  /**
   * The id of the request that caused the event ({@code X-Request-Id} from the load balancer), to
   * find it in the balancer's and the instances' logs. Correlation only: not part of the chain's
   * hash, so events written before it existed verify as they did.
   */
  @Column(name = "request_id", length = 64, updatable = false)
  private String requestId;

  protected AuditEvent() {}

  void causedBy(String requestId) {
    this.requestId = requestId;
  }

  public String getRequestId() {
    return requestId;
  }

  public AuditEvent(
      Long actorId,
      String actorEmail,
      AuditAction action,
      String resourceType,
      String resourceId,
      Outcome outcome,
      String clientAddress) {
    this(actorId, actorEmail, action, resourceType, resourceId, outcome, clientAddress, null, null);
  }

  public AuditEvent(
      Long actorId,
      String actorEmail,
      AuditAction action,
      String resourceType,
      String resourceId,
      Outcome outcome,
      String clientAddress,
      Long patientId,
      String detail) {
    this.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.actorId = actorId;
    this.actorEmail = AuditText.fit(actorEmail, EMAIL_LENGTH);
    this.action = action;
    this.resourceType = AuditText.fit(resourceType, TYPE_LENGTH);
    this.resourceId = AuditText.fit(resourceId, RESOURCE_ID_LENGTH);
    this.outcome = outcome;
    this.clientAddress = AuditText.fit(clientAddress, ADDRESS_LENGTH);
    this.patientId = patientId;
    this.detail = AuditText.fit(detail, DETAIL_LENGTH);
  }

  /** Takes the next place in the chain, after the event whose hash is given; returns its hash. */
  String chainAfter(long previousId, String previousHash) {
    id = previousId + 1;
    chainHash = link().hash(previousHash);
    return chainHash;
  }

  ChainLink link() {
    return new ChainLink(
        id,
        LocalDateTime.ofInstant(occurredAt, ZoneOffset.UTC),
        actorId,
        actorEmail,
        action.name(),
        resourceType,
        resourceId,
        outcome.name(),
        clientAddress,
        patientId,
        detail);
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Long getActorId() {
    return actorId;
  }

  public String getActorEmail() {
    return actorEmail;
  }

  public AuditAction getAction() {
    return action;
  }

  public String getResourceType() {
    return resourceType;
  }

  public String getResourceId() {
    return resourceId;
  }

  public Outcome getOutcome() {
    return outcome;
  }

  public String getClientAddress() {
    return clientAddress;
  }

  public Long getPatientId() {
    return patientId;
  }

  public String getDetail() {
    return detail;
  }

  public String getChainHash() {
    return chainHash;
  }
}
