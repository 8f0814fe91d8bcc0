package org.lungscan.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.platform.Database;
import org.lungscan.platform.RequestOrigin;

/**
 * Appends to the audit trail. Each record is written in its own transaction, so that a refused or
 * failed action is recorded even when the action's own transaction rolls back; in that transaction
 * the events take the next places in the hash chain, one writer at a time across every instance
 * sharing the database.
 */
@ApplicationScoped
public class AuditTrail {

  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource database;

  @Inject RequestOrigin origin;

  @Inject MetricRegistry metrics;
  private Counter written;

  @PostConstruct
  void registerMetrics() {
    written =
        metrics.counter(
            Metadata.builder()
                .withName("audit_events")
                .withDescription("Audit events written (counted before their transaction ends)")
                .build());
  }

  /**
   * Records what the signed-in doctor (or, for sign-ins, the named account) did, where no patient's
   * data was shown: a sign-in, a refusal, a failure.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void record(
      Actor actor, AuditAction action, String resourceType, Object resourceId, Outcome outcome) {
    append(List.of(event(actor, action, resourceType, resourceId, outcome, null, null)));
  }

  /** Records what an administrator did or read, with what they asked for in {@code detail}. */
  @Transactional(TxType.REQUIRES_NEW)
  public void record(
      Actor actor,
      AuditAction action,
      String resourceType,
      Object resourceId,
      Outcome outcome,
      String detail) {
    append(List.of(event(actor, action, resourceType, resourceId, outcome, null, detail)));
  }

  /**
   * Records an action that succeeded and showed or changed patients' data: one event per patient
   * shown, with the ids shown of theirs (in several events when they do not fit one), or a single
   * event without a patient when nothing was shown. {@code resourceId} is the one resource asked
   * for, null for a list.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void recordShown(
      Actor actor, AuditAction action, String resourceType, Object resourceId, Shown shown) {
    append(shownEvents(actor, action, resourceType, resourceId, shown));
  }

  /**
   * {@link #recordShown}, in the caller's transaction: the events commit with the caller's rows or
   * not at all. Call it last in the transaction, as it holds the chain's head until the commit.
   */
  @Transactional(TxType.MANDATORY)
  public void recordShownWithin(
      Actor actor, AuditAction action, String resourceType, Object resourceId, Shown shown) {
    append(shownEvents(actor, action, resourceType, resourceId, shown));
  }

  private List<AuditEvent> shownEvents(
      Actor actor, AuditAction action, String resourceType, Object resourceId, Shown shown) {
    List<AuditEvent> events = new ArrayList<>();
    List<Long> patients = new ArrayList<>(shown.patients());
    if (patients.isEmpty()) {
      patients.add(null);
    }
    for (Long patient : patients) {
      for (String detail : shown.detailsOf(patient, AuditEvent.DETAIL_LENGTH)) {
        events.add(
            event(actor, action, resourceType, resourceId, Outcome.SUCCESS, patient, detail));
      }
    }
    return events;
  }

  /** Appends an event the caller made, as it is, to the chain; returns it with its id and hash. */
  @Transactional(TxType.REQUIRES_NEW)
  public AuditEvent append(AuditEvent event) {
    append(List.of(event));
    return event;
  }

  private void append(List<AuditEvent> events) {
    AuditChainHead head =
        em.find(AuditChainHead.class, AuditChainHead.ROW, LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      throw new IllegalStateException("the audit trail has no chain head (audit_chain is empty)");
    }
    for (AuditEvent event : events) {
      head.append(event);
      if (event.getRequestId() == null) {
        event.causedBy(requestId());
      }
      em.persist(event);
    }
    em.flush();
    written.inc(events.size());
  }

  private AuditEvent event(
      Actor actor,
      AuditAction action,
      String resourceType,
      Object resourceId,
      Outcome outcome,
      Long patientId,
      String detail) {
    return new AuditEvent(
        actor == null ? null : actor.id(),
        actor == null ? null : actor.email(),
        action,
        resourceType,
        resourceId == null ? null : resourceId.toString(),
        outcome,
        clientAddress(),
        patientId,
        detail);
  }

  private String requestId() {
    try {
      return origin.requestId();
    } catch (ContextNotActiveException outsideARequest) {
      return null;
    }
  }

  private String clientAddress() {
    try {
      return origin.clientAddress().orElse(null);
    } catch (ContextNotActiveException outsideARequest) {
      return null;
    }
  }

  /**
   * Checks the hash chain from its genesis to its head and names the first event changed or
   * deleted. Reads only the database: it answers whatever the model or the storage are doing.
   */
  @Transactional(TxType.NOT_SUPPORTED)
  public ChainVerification.Result verify() {
    try (Connection connection = database.getConnection()) {
      ChainVerification.Result result = ChainVerification.of(connection);
      LOG.info(() -> "Audit trail checked: " + result.summary());
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("the audit trail cannot be read", e);
    }
  }

  /** The latest events, newest first: for administrators and tests. */
  @Transactional
  public List<AuditEvent> latest(int max) {
    return em.createQuery("select e from AuditEvent e order by e.id desc", AuditEvent.class)
        .setMaxResults(max)
        .getResultList();
  }

  /** Who did it: an account's id and email, as known at the time. */
  public record Actor(Long id, String email) {}
}
