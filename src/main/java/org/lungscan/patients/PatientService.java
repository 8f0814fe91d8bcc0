package org.lungscan.patients;

import static org.lungscan.audit.AuditAction.PATIENT_CREATE;
import static org.lungscan.audit.AuditAction.PATIENT_DELETE;
import static org.lungscan.audit.AuditAction.PATIENT_LIST;
import static org.lungscan.audit.AuditAction.PATIENT_READ;
import static org.lungscan.audit.AuditAction.PATIENT_UPDATE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.PageRequest;

/**
 * The signed-in doctor's patients. Every query is scoped by that doctor: another doctor's patient
 * is, to this service, a patient that does not exist.
 */
@ApplicationScoped
@Transactional
public class PatientService {

  static final String RESOURCE = "patient";

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;
  @Inject Event<PatientRemoval> removals;

  public Patient create(@NotNull @Valid PatientDetails details) {
    Patient patient = new Patient(doctor.get(), details.name(), details.age(), details.gender());
    em.persist(patient);
    em.flush();
    shown(PATIENT_CREATE, patient.getId());
    return patient;
  }

  /** The doctor's patients by name, optionally only those whose name contains the query. */
  public List<Patient> list(String nameQuery, PageRequest page) {
    List<Patient> found =
        em.createQuery(
                "select p from Patient p where p.doctor.id = :doctor and lower(p.name) like :name"
                    + " order by p.name, p.id",
                Patient.class)
            .setParameter("doctor", doctor.id())
            .setParameter("name", containing(nameQuery))
            .setFirstResult(page.offset())
            .setMaxResults(page.size())
            .getResultList();
    audit.recordShown(
        actor(),
        PATIENT_LIST,
        RESOURCE,
        null,
        Shown.of(RESOURCE, found, Patient::getId, Patient::getId));
    return found;
  }

  public long count(String nameQuery) {
    return em.createQuery(
            "select count(p) from Patient p where p.doctor.id = :doctor and lower(p.name) like :name",
            Long.class)
        .setParameter("doctor", doctor.id())
        .setParameter("name", containing(nameQuery))
        .getSingleResult();
  }

  public Patient get(long id) {
    Patient patient = find(id, PATIENT_READ);
    shown(PATIENT_READ, id);
    return patient;
  }

  public Patient update(long id, @NotNull @Valid PatientDetails details) {
    Patient patient = find(id, PATIENT_UPDATE);
    patient.update(details.name(), details.age(), details.gender());
    em.flush();
    shown(PATIENT_UPDATE, id);
    return patient;
  }

  /** Removes the patient with their scans, predictions and stored images. */
  public void delete(long id) {
    Patient patient = find(id, PATIENT_DELETE);
    removals.fire(new PatientRemoval(id));
    em.remove(patient);
    em.flush();
    shown(PATIENT_DELETE, id);
  }

  /**
   * The doctor's own patient with this id, for other features to attach things to; a miss is
   * audited as a failed read. Doors read a patient with {@link #get}.
   */
  public Patient owned(long id) {
    return find(id, PATIENT_READ);
  }

  private Patient find(long id, AuditAction action) {
    List<Patient> found =
        em.createQuery(
                "select p from Patient p where p.id = :id and p.doctor.id = :doctor", Patient.class)
            .setParameter("id", id)
            .setParameter("doctor", doctor.id())
            .getResultList();
    if (found.isEmpty()) {
      record(action, id, Outcome.FAILURE);
      throw new NotFound(RESOURCE, id);
    }
    return found.get(0);
  }

  private void record(AuditAction action, Long id, Outcome outcome) {
    audit.record(actor(), action, RESOURCE, id, outcome);
  }

  private void shown(AuditAction action, long id) {
    audit.recordShown(actor(), action, RESOURCE, id, Shown.patient(id));
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }

  private static String containing(String query) {
    String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
