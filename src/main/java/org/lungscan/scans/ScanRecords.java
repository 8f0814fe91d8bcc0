package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lungscan.patients.Patient;
import org.lungscan.platform.PageRequest;
import org.lungscan.scans.images.StoredImage;

/** The scans' rows. Every lookup by id is scoped by the doctor who owns the scan. */
@ApplicationScoped
@Transactional
public class ScanRecords {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  /** Writes the row in the caller's transaction (or one of its own when there is none). */
  public LungScan add(long patientId, StoredImage image, String originalFilename) {
    LungScan scan = new LungScan(em.find(Patient.class, patientId), image, originalFilename);
    em.persist(scan);
    em.flush();
    return scan;
  }

  public Optional<LungScan> find(long id, long doctorId) {
    return em.createQuery(
            "select s from LungScan s join fetch s.patient where s.id = :id and s.doctor.id = :doctor",
            LungScan.class)
        .setParameter("id", id)
        .setParameter("doctor", doctorId)
        .getResultStream()
        .findFirst();
  }

  public List<LungScan> ofDoctor(long doctorId, PageRequest page) {
    return em.createQuery(
            "select s from LungScan s join fetch s.patient where s.doctor.id = :doctor"
                + " order by s.uploadedAt desc, s.id desc",
            LungScan.class)
        .setParameter("doctor", doctorId)
        .setFirstResult(page.offset())
        .setMaxResults(page.size())
        .getResultList();
  }

  public long countOfDoctor(long doctorId) {
    return em.createQuery("select count(s) from LungScan s where s.doctor.id = :doctor", Long.class)
        .setParameter("doctor", doctorId)
        .getSingleResult();
  }

  /** Bytes of all the doctor's stored images. */
  public long bytesOfDoctor(long doctorId) {
    Long sum =
        em.createQuery(
                "select sum(s.sizeBytes) from LungScan s where s.doctor.id = :doctor", Long.class)
            .setParameter("doctor", doctorId)
            .getSingleResult();
    return sum == null ? 0 : sum;
  }

  public List<LungScan> ofPatient(long patientId) {
    return em.createQuery(
            "select s from LungScan s where s.patient.id = :patient"
                + " order by s.uploadedAt desc, s.id desc",
            LungScan.class)
        .setParameter("patient", patientId)
        .getResultList();
  }

  public List<String> keysOfPatient(long patientId) {
    return em.createQuery(
            "select s.storageKey from LungScan s where s.patient.id = :patient", String.class)
        .setParameter("patient", patientId)
        .getResultList();
  }

  public Map<Long, Long> countByPatient(Collection<Long> patientIds) {
    Map<Long, Long> counts = new HashMap<>();
    if (!patientIds.isEmpty()) {
      em.createQuery(
              "select s.patient.id, count(s) from LungScan s where s.patient.id in :ids group by s.patient.id",
              Object[].class)
          .setParameter("ids", patientIds)
          .getResultList()
          .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
    }
    return counts;
  }

  public boolean existsWithKey(String key) {
    return !em.createQuery("select s.id from LungScan s where s.storageKey = :key", Long.class)
        .setParameter("key", key)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * Removes the row (its predictions go with it) and returns the key of the image it pointed at.
   */
  public String delete(LungScan scan) {
    LungScan managed = em.find(LungScan.class, scan.getId());
    em.remove(managed);
    em.flush();
    return managed.getStorageKey();
  }
}
