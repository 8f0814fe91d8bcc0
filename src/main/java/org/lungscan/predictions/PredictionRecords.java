package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lungscan.platform.PageRequest;

/** The predictions' rows, always reached through a scan of the doctor's. */
@ApplicationScoped
@Transactional
public class PredictionRecords {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  public Prediction add(Prediction prediction) {
    em.persist(prediction);
    em.flush();
    return prediction;
  }

  public List<Prediction> ofScan(long scanId) {
    return em.createQuery(
            "select p from Prediction p where p.scan.id = :scan order by p.predictedAt desc, p.id desc",
            Prediction.class)
        .setParameter("scan", scanId)
        .getResultList();
  }

  public List<Prediction> ofDoctor(long doctorId, PageRequest page) {
    return em.createQuery(
            "select p from Prediction p join fetch p.scan s join fetch s.patient"
                + " where s.doctor.id = :doctor order by p.predictedAt desc, p.id desc",
            Prediction.class)
        .setParameter("doctor", doctorId)
        .setFirstResult(page.offset())
        .setMaxResults(page.size())
        .getResultList();
  }

  public long countOfDoctor(long doctorId) {
    return em.createQuery(
            "select count(p) from Prediction p where p.scan.doctor.id = :doctor", Long.class)
        .setParameter("doctor", doctorId)
        .getSingleResult();
  }

  /** Each scan's most recent prediction. */
  public Map<Long, Prediction> latestOf(Collection<Long> scanIds) {
    Map<Long, Prediction> latest = new HashMap<>();
    if (scanIds.isEmpty()) {
      return latest;
    }
    em.createQuery(
            "select p from Prediction p where p.scan.id in :ids order by p.predictedAt asc, p.id asc",
            Prediction.class)
        .setParameter("ids", scanIds)
        // the probabilities of all of them in one more query, not one per prediction
        .setHint("eclipselink.batch", "p.probabilities")
        .setHint("eclipselink.batch.type", "IN")
        .getResultList()
        .forEach(p -> latest.put(p.getScan().getId(), p));
    return latest;
  }
}
