package org.lungscan.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.platform.RequestOrigin;

/**
 * Appends to the audit trail. Each event is written in its own transaction, so that a refused or
 * failed action is recorded even when the action's own transaction rolls back.
 */
@ApplicationScoped
public class AuditTrail {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject RequestOrigin origin;

  /** Records what the signed-in doctor (or, for sign-ins, the named account) did. */
  @Transactional(TxType.REQUIRES_NEW)
  public void record(
      Actor actor, AuditAction action, String resourceType, Object resourceId, Outcome outcome) {
    em.persist(
        new AuditEvent(
            actor == null ? null : actor.id(),
            actor == null ? null : actor.email(),
            action,
            resourceType,
            resourceId == null ? null : resourceId.toString(),
            outcome,
            clientAddress()));
  }

  private String clientAddress() {
    try {
      return origin.clientAddress().orElse(null);
    } catch (ContextNotActiveException outsideARequest) {
      return null;
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
