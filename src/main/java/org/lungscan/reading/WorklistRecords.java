package org.lungscan.reading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lungscan.scans.LungScan;

/**
 * What the worklist sorts and filters on, read for all of a doctor's scans in three small queries
 * (never one per scan); the page shown is then loaded by id.
 */
@ApplicationScoped
@Transactional
public class WorklistRecords {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  /** A scan as the worklist orders it. */
  public record Line(long scanId, Instant uploadedAt) {}

  /** The latest prediction of a scan: which model made it and every class's probability. */
  public record LatestPrediction(
      long predictionId, String modelName, String modelVersion, Map<String, Double> chances) {}

  public List<Line> linesOf(long doctorId) {
    return em
        .createQuery(
            "select s.id, s.uploadedAt from LungScan s where s.doctor.id = :doctor", Object[].class)
        .setParameter("doctor", doctorId)
        .getResultList()
        .stream()
        .map(row -> new Line((Long) row[0], (Instant) row[1]))
        .toList();
  }

  /** Each of the doctor's predicted scans' latest prediction (the newest row), by scan id. */
  public Map<Long, LatestPrediction> latestPredictionsOf(long doctorId) {
    Map<Long, LatestPrediction> latest = new HashMap<>();
    em.createQuery(
            "select p.scan.id, p.id, p.modelName, p.modelVersion, KEY(c), VALUE(c)"
                + " from Prediction p join p.probabilities c where p.id in"
                + " (select max(q.id) from Prediction q where q.scan.doctor.id = :doctor"
                + " group by q.scan.id)",
            Object[].class)
        .setParameter("doctor", doctorId)
        .getResultList()
        .forEach(
            row ->
                latest
                    .computeIfAbsent(
                        (Long) row[0],
                        scan ->
                            new LatestPrediction(
                                (Long) row[1], (String) row[2], (String) row[3], new HashMap<>()))
                    .chances()
                    .put((String) row[4], ((Number) row[5]).doubleValue()));
    return latest;
  }

  public Set<Long> reviewedScansOf(long doctorId) {
    return new HashSet<>(
        em.createQuery(
                "select distinct r.scan.id from Review r where r.scan.doctor.id = :doctor",
                Long.class)
            .setParameter("doctor", doctorId)
            .getResultList());
  }

  public long unreviewedCountOf(long doctorId) {
    return em.createQuery(
            "select count(s) from LungScan s where s.doctor.id = :doctor"
                + " and not exists (select r.id from Review r where r.scan = s)",
            Long.class)
        .setParameter("doctor", doctorId)
        .getSingleResult();
  }

  /** The doctor's scans with these ids, with their patients. */
  public Map<Long, LungScan> scans(long doctorId, Collection<Long> ids) {
    Map<Long, LungScan> found = new HashMap<>();
    if (!ids.isEmpty()) {
      em.createQuery(
              "select s from LungScan s join fetch s.patient where s.id in :ids"
                  + " and s.doctor.id = :doctor",
              LungScan.class)
          .setParameter("ids", ids)
          .setParameter("doctor", doctorId)
          .getResultList()
          .forEach(s -> found.put(s.getId(), s));
    }
    return found;
  }
}
