package org.lungscan.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lungscan.platform.NotFound;
import org.lungscan.scans.LungScan;

/** The registry's rows. Activation and registration lock the one {@link ActiveModel} row. */
@ApplicationScoped
@Transactional
public class ModelRecords {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  List<RegisteredModel> all() {
    return em.createQuery(
            "select m from RegisteredModel m order by m.id desc", RegisteredModel.class)
        .getResultList();
  }

  RegisteredModel get(long id) {
    RegisteredModel model = em.find(RegisteredModel.class, id);
    if (model == null) {
      throw new NotFound("model", id);
    }
    return model;
  }

  RegisteredModel add(RegisteredModel model) {
    em.persist(model);
    em.flush();
    return model;
  }

  /**
   * Registers a model found at startup unless one with the same checksum is registered (by any
   * instance: the active row's lock makes them take turns), and makes it active when none is.
   *
   * @return the registered model, or the one already there
   */
  RegisteredModel registerOnce(RegisteredModel candidate) {
    ActiveModel active = lockedActive();
    RegisteredModel model =
        em.createQuery(
                "select m from RegisteredModel m where m.sha256 = :sha and m.status <> :failed"
                    + " order by m.id",
                RegisteredModel.class)
            .setParameter("sha", candidate.getSha256())
            .setParameter("failed", ModelState.FAILED)
            .setMaxResults(1)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (model == null) {
      em.persist(candidate);
      em.flush();
      model = candidate;
    }
    if (active.getModelId() == null && model.getStatus() != ModelState.FAILED) {
      activate(active, model);
    }
    return model;
  }

  /** Makes {@code id} the active model; the one active before becomes available. */
  RegisteredModel activate(long id) {
    ActiveModel active = lockedActive();
    RegisteredModel model = get(id);
    activate(active, model);
    return model;
  }

  private void activate(ActiveModel active, RegisteredModel model) {
    if (active.getModelId() != null && !active.getModelId().equals(model.getId())) {
      RegisteredModel previous = em.find(RegisteredModel.class, active.getModelId());
      if (previous != null) {
        previous.setStatus(ModelState.AVAILABLE);
      }
    }
    model.setStatus(ModelState.ACTIVE);
    active.activate(model.getId(), Instant.now());
  }

  /**
   * The active model's id, read from the database itself (another instance may have changed it).
   */
  Optional<Long> activeId() {
    Object id =
        em.createNativeQuery("SELECT model_id FROM active_model WHERE id = " + ActiveModel.ROW)
            .getResultStream()
            .findFirst()
            .orElse(null);
    return id == null ? Optional.empty() : Optional.of(((Number) id).longValue());
  }

  Optional<RegisteredModel> active() {
    return activeId().map(id -> em.find(RegisteredModel.class, id));
  }

  /** A scan, whoever's it is: evaluation and export run over every reviewed scan. */
  LungScan scan(long id) {
    return em.find(LungScan.class, id);
  }

  void saveEvaluation(long id, String evaluation) {
    get(id).setEvaluation(evaluation, Instant.now());
  }

  private ActiveModel lockedActive() {
    return em.find(ActiveModel.class, ActiveModel.ROW, LockModeType.PESSIMISTIC_WRITE);
  }
}
