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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.AuditTrail.Actor;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.Invalid.FieldError;
import org.lungscan.platform.TooManyAttempts;

/** Signing up and signing in: the rules of accounts, the same for the API and the pages. */
@ApplicationScoped
public class AccountService {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject PasswordPolicy passwordPolicy;
  @Inject PasswordHasher hasher;
  @Inject SignInThrottle throttle;
  @Inject AuditTrail audit;

  /** Creates a doctor's account; the email must not be registered yet, whatever its case. */
  @Transactional
  public Doctor signUp(String name, String email, String password) {
    validate(name, email, password);
    if (findByEmail(email).isPresent()) {
      audit.record(
          new Actor(null, Doctor.normalizeEmail(email)), SIGN_UP, "doctor", null, Outcome.FAILURE);
      throw new Conflict("An account with this email already exists.");
    }
    Doctor doctor = new Doctor(name.strip(), email, hasher.hash(password), Role.DOCTOR);
    em.persist(doctor);
    em.flush();
    audit.record(actorOf(doctor), SIGN_UP, "doctor", doctor.getId(), Outcome.SUCCESS);
    return doctor;
  }

  /**
   * The doctor these credentials belong to, or empty: an unknown email and a wrong password are
   * answered the same, in about the same time. Refused outright while throttled.
   */
  @Transactional
  public Optional<Doctor> signIn(String email, String password, String clientAddress) {
    String normalized = Doctor.normalizeEmail(email == null ? "" : email);
    try {
      throttle.checkAllowed(normalized, clientAddress);
    } catch (TooManyAttempts refused) {
      audit.record(new Actor(null, normalized), SIGN_IN, "doctor", null, Outcome.DENIED);
      throw refused;
    }
    Optional<Doctor> doctor = normalized.isEmpty() ? Optional.empty() : findByEmail(normalized);
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
      throttle.recordFailure(normalized, clientAddress);
      audit.record(
          new Actor(doctor.map(Doctor::getId).orElse(null), normalized),
          SIGN_IN,
          "doctor",
          doctor.map(Doctor::getId).orElse(null),
          Outcome.FAILURE);
      return Optional.empty();
    }
    throttle.recordSuccess(normalized);
    audit.record(actorOf(doctor.get()), SIGN_IN, "doctor", doctor.get().getId(), Outcome.SUCCESS);
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

  /** Creates the first administrator from configuration, once. */
  @Transactional
  public void ensureAdministrator(String name, String email, String password) {
    if (findByEmail(email).isPresent()) {
      return;
    }
    validate(name, email, password);
    Doctor admin = new Doctor(name, email, hasher.hash(password), Role.ADMIN);
    em.persist(admin);
    em.flush();
    audit.record(null, CREATE_ADMINISTRATOR, "doctor", admin.getId(), Outcome.SUCCESS);
  }

  public static Actor actorOf(Doctor doctor) {
    return new Actor(doctor.getId(), doctor.getEmail());
  }

  private void validate(String name, String email, String password) {
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      errors.add(new FieldError("name", "must be 1 to 100 characters"));
    }
    if (email == null || email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
      errors.add(new FieldError("email", "must be a valid email address"));
    }
    passwordPolicy
        .problemWith(password)
        .ifPresent(problem -> errors.add(new FieldError("password", problem)));
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }
}
