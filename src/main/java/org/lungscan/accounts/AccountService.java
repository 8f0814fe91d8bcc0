package org.lungscan.accounts;

import static org.lungscan.audit.AuditAction.CREATE_ADMINISTRATOR;
import static org.lungscan.audit.AuditAction.SIGN_IN;
import static org.lungscan.audit.AuditAction.SIGN_OUT;
import static org.lungscan.audit.AuditAction.SIGN_UP;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.AuditTrail.Actor;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.TooManyAttempts;

/** Signing up and signing in: the rules of accounts, the same for the API and the pages. */
@ApplicationScoped
public class AccountService {

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject PasswordHasher hasher;
  @Inject SignInThrottle throttle;
  @Inject AuditTrail audit;

  /** Creates a doctor's account; the email must not be registered yet, whatever its case. */
  @Transactional
  public Doctor signUp(@NotNull @Valid NewAccount account) {
    if (findByEmail(account.email()).isPresent()) {
      audit.record(
          new Actor(null, Doctor.normalizeEmail(account.email())),
          SIGN_UP,
          "doctor",
          null,
          Outcome.FAILURE);
      throw new Conflict("email", "An account with this email already exists.");
    }
    Doctor doctor =
        new Doctor(account.name(), account.email(), hasher.hash(account.password()), Role.DOCTOR);
    em.persist(doctor);
    em.flush();
    audit.record(actorOf(doctor), SIGN_UP, "doctor", doctor.getId(), Outcome.SUCCESS);
    return doctor;
  }

  /**
   * The doctor these credentials belong to, or empty: an unknown email and a wrong password are
   * answered the same, in about the same time. Refused while this client address must wait (see
   * {@link SignInThrottle}), slowed down before that. Not one transaction: an attempt held back
   * holds no database connection.
   */
  public Optional<Doctor> signIn(String email, String password, String clientAddress) {
    String normalized = Doctor.normalizeEmail(email == null ? "" : email);
    Optional<Doctor> doctor = normalized.isEmpty() ? Optional.empty() : findByEmail(normalized);
    Long doctorId = doctor.map(Doctor::getId).orElse(null);
    String account = SignInThrottle.accountOf(Optional.ofNullable(doctorId), normalized);
    try {
      throttle.beforePasswordCheck(account, clientAddress);
    } catch (TooManyAttempts refused) {
      audit.record(new Actor(doctorId, normalized), SIGN_IN, "doctor", doctorId, Outcome.DENIED);
      throw refused;
    }
    boolean matches =
        password != null
            && doctor
                .map(d -> hasher.matches(password, d.getPasswordHash()))
                .orElseGet(
                    () -> {
                      hasher.matchNothing(password);
                      return false;
                    });
    if (!matches) {
      throttle.recordFailure(account, clientAddress);
      audit.record(new Actor(doctorId, normalized), SIGN_IN, "doctor", doctorId, Outcome.FAILURE);
      return Optional.empty();
    }
    throttle.recordSuccess(account, clientAddress);
    audit.record(actorOf(doctor.get()), SIGN_IN, "doctor", doctorId, Outcome.SUCCESS);
    return doctor;
  }

  public void signedOut(Doctor doctor) {
    audit.record(actorOf(doctor), SIGN_OUT, "doctor", doctor.getId(), Outcome.SUCCESS);
  }

  @Transactional
  public Optional<Doctor> findByEmail(String email) {
    return em.createQuery("select d from Doctor d where d.email = :email", Doctor.class)
        .setParameter("email", Doctor.normalizeEmail(email))
        .getResultStream()
        .findFirst();
  }

  /** Creates an administrator's account: the first one, from configuration. */
  @Transactional
  public void createAdministrator(@NotNull @Valid NewAccount account) {
    Doctor admin =
        new Doctor(account.name(), account.email(), hasher.hash(account.password()), Role.ADMIN);
    em.persist(admin);
    em.flush();
    audit.record(null, CREATE_ADMINISTRATOR, "doctor", admin.getId(), Outcome.SUCCESS);
  }

  public static Actor actorOf(Doctor doctor) {
    return new Actor(doctor.getId(), doctor.getEmail());
  }
}
