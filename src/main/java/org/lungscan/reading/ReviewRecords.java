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
import org.lungscan.accounts.Doctor;
import org.lungscan.predictions.Prediction;
import org.lungscan.scans.LungScan;

/** The reviews' rows; a scan's current review is its newest (highest id). */
@ApplicationScoped
@Transactional
public class ReviewRecords {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  public Review add(long scanId, Long predictionId, long reviewerId, String finding, String note) {
    Review review =
        new Review(
            em.find(LungScan.class, scanId),
            predictionId == null ? null : em.find(Prediction.class, predictionId),
            em.find(Doctor.class, reviewerId),
            finding,
            note);
    em.persist(review);
    em.flush();
    return review;
  }

  /** The scan's reviews, newest first, with their reviewers. */
  public List<Review> ofScan(long scanId) {
    return em.createQuery(
            "select r from Review r join fetch r.reviewer where r.scan.id = :scan order by r.id desc",
            Review.class)
        .setParameter("scan", scanId)
        .getResultList();
  }

  /** Each of these scans' current review, in one query. */
  public Map<Long, Review> latestOf(Collection<Long> scanIds) {
    Map<Long, Review> latest = new HashMap<>();
    if (scanIds.isEmpty()) {
      return latest;
    }
    em.createQuery(
            "select r from Review r join fetch r.reviewer where r.id in"
                + " (select max(x.id) from Review x where x.scan.id in :ids group by x.scan.id)",
            Review.class)
        .setParameter("ids", scanIds)
        .getResultList()
        .forEach(r -> latest.put(r.getScanId(), r));
    return latest;
  }

  /** Every scan's current review, hospital-wide, with the prediction it was compared with. */
  public List<ReviewFact> currentEverywhere() {
    return facts(
        "where r.id in (select max(x.id) from Review x group by x.scan.id) order by r.id",
        Map.of());
  }

  /** Every review written in [from, to), hospital-wide. */
  public List<ReviewFact> between(Instant from, Instant to) {
    return facts(
        "where r.reviewedAt >= :from and r.reviewedAt < :to order by r.id",
        Map.of("from", from, "to", to));
  }

  private List<ReviewFact> facts(String where, Map<String, Object> parameters) {
    var query =
        em.createQuery(
            "select r.id, r.scan.id, r.reviewedAt, r.finding, r.agreesWithPrediction,"
                + " p.predictedClass, p.modelName, p.modelVersion"
                + " from Review r left join r.prediction p "
                + where,
            Object[].class);
    parameters.forEach(query::setParameter);
    List<Object[]> rows = query.getResultList();
    Set<Long> current = currentIds(rows.stream().map(row -> (Long) row[1]).distinct().toList());
    return rows.stream()
        .map(
            row ->
                new ReviewFact(
                    (Long) row[0],
                    (Long) row[1],
                    (Instant) row[2],
                    (String) row[3],
                    (Boolean) row[4],
                    (String) row[5],
                    (String) row[6],
                    (String) row[7],
                    current.contains((Long) row[0])))
        .toList();
  }

  private Set<Long> currentIds(List<Long> scanIds) {
    Set<Long> ids = new HashSet<>();
    for (int from = 0; from < scanIds.size(); from += 1000) {
      ids.addAll(
          em.createQuery(
                  "select max(x.id) from Review x where x.scan.id in :ids group by x.scan.id",
                  Long.class)
              .setParameter("ids", scanIds.subList(from, Math.min(scanIds.size(), from + 1000)))
              .getResultList());
    }
    return ids;
  }
}
