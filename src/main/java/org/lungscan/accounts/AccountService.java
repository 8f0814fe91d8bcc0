package org.lungscan.accounts;

import static org.lungscan.audit.AuditAction.CREATE_ADMINISTRATOR;
import static org.lungscan.audit.AuditAction.PASSWORD_CHANGE;
import static org.lungscan.audit.AuditAction.SIGN_IN;
import static org.lungscan.audit.AuditAction.SIGN_OUT;
import static org.lungscan.audit.AuditAction.SIGN_OUT_EVERYWHERE;
import static org.lungscan.audit.AuditAction.SIGN_UP;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.AuditTrail.Actor;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.TooManyAttempts;

/** Signing up and signing in: the rules of accounts, the same for the API and the pages. */
@ApplicationScoped
public class AccountService {

  /** Two sign-ups racing to be the first account of this instance take turns. */
  private static final Object FIRST_ACCOUNT = new Object();

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  private volatile PasswordPolicy policy;

  @Inject PasswordHasher hasher;
  @Inject SignInThrottle throttle;
  @Inject AuditTrail audit;
  @Inject SecondFactor secondFactor;
  @Inject Revocations revocations;

  @Inject
  @ConfigProperty(name = "lungscan.signup")
  String signUpSetting;

  @Inject
  @ConfigProperty(name = "lungscan.mfa.required-for-admins")
  boolean mfaRequiredForAdmins;

  @Inject
  @ConfigProperty(name = "lungscan.admin.email")
  Optional<String> configuredAdministrator;

  /**
   * Creates a doctor's account; the email must not be registered yet, whatever its case. Its status
   * follows the sign-up mode, except that the first account of an empty database with no configured
   * administrator becomes an active administrator.
   */
  @Transactional
  public Doctor signUp(@NotNull @Valid NewAccount account) {
    synchronized (FIRST_ACCOUNT) {
      SignUpMode mode = SignUpMode.of(signUpSetting);
      boolean first = configuredAdministrator.isEmpty() && noAccountYet();
      if (!mode.allowsSignUp(first)) {
        audit.record(
            new Actor(null, Doctor.normalizeEmail(account.email())),
            SIGN_UP,
            "doctor",
            null,
            Outcome.DENIED);
        throw AccountRefused.signUpClosed();
      }
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
          new Doctor(
              account.name(),
              account.email(),
              hasher.hash(account.password()),
              first ? Role.ADMIN : Role.DOCTOR,
              mode.statusOfNewAccount(first));
      em.persist(doctor);
      em.flush();
      audit.record(actorOf(doctor), SIGN_UP, "doctor", doctor.getId(), Outcome.SUCCESS);
      if (first) {
        audit.record(
            actorOf(doctor), CREATE_ADMINISTRATOR, "doctor", doctor.getId(), Outcome.SUCCESS);
      }
      return doctor;
    }
  }

  private boolean noAccountYet() {
    return em.createQuery("select count(d) from Doctor d", Long.class).getSingleResult() == 0;
  }

  /**
   * The doctor these credentials belong to, or empty: an unknown email and a wrong password are
   * answered the same, in about the same time. Refused while this client address must wait (see
   * {@link SignInThrottle}), slowed down before that. Only after a correct password: an account
   * that is pending or disabled is refused saying so ({@link AccountRefused}), and an account with
   * two-factor sign-in needs its current code ({@link SecondFactorRequired}; a wrong code counts as
   * a failed attempt). Not one transaction: an attempt held back holds no database connection.
   */
  public Optional<Doctor> signIn(String email, String password, String otp, String clientAddress) {
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
    Doctor found = doctor.get();
    if (!found.isActive()) {
      throttle.recordSuccess(account, clientAddress);
      audit.record(actorOf(found), SIGN_IN, "doctor", doctorId, Outcome.DENIED);
      throw AccountRefused.notActive(found.getStatus());
    }
    if (found.isMfaEnabled() && !secondFactor.accept(doctorId, otp)) {
      throttle.recordFailure(account, clientAddress);
      audit.record(actorOf(found), SIGN_IN, "doctor", doctorId, Outcome.FAILURE);
      throw new SecondFactorRequired(doctorId, otp != null && !otp.isBlank());
    }
    throttle.recordSuccess(account, clientAddress);
    Doctor signedIn = revocations.signedIn(doctorId);
    audit.record(actorOf(signedIn), SIGN_IN, "doctor", doctorId, Outcome.SUCCESS);
    return Optional.of(signedIn);
  }

  public void signedOut(Doctor doctor) {
    audit.record(actorOf(doctor), SIGN_OUT, "doctor", doctor.getId(), Outcome.SUCCESS);
  }

  /** Ends one API token at once, on every instance. */
  public void logOut(Doctor doctor, String tokenId, Instant expiresAt) {
    revocations.revoke(doctor.getId(), tokenId, expiresAt);
    signedOut(doctor);
  }

  /** Ends every token and page session of the doctor. */
  public void logOutEverywhere(Doctor doctor) {
    revocations.endAll(doctor.getId(), null);
    audit.record(actorOf(doctor), SIGN_OUT_EVERYWHERE, "doctor", doctor.getId(), Outcome.SUCCESS);
  }

  /**
   * Changes the doctor's password, given the current one; every other token and page session ends.
   * The token it was changed with ({@code keptTokenId}, or null from a page) keeps working; returns
   * the new session version, which the page session that changed it takes on.
   */
  @Transactional
  public int changePassword(
      long doctorId, String currentPassword, String newPassword, String keptTokenId) {
    Doctor doctor = em.find(Doctor.class, doctorId);
    List<Invalid.FieldError> errors = new ArrayList<>();
    if (currentPassword == null || !hasher.matches(currentPassword, doctor.getPasswordHash())) {
      errors.add(new Invalid.FieldError("current_password", "is not correct"));
    }
    policy()
        .problemWith(newPassword)
        .ifPresent(problem -> errors.add(new Invalid.FieldError("new_password", problem)));
    if (errors.isEmpty() && newPassword.equals(currentPassword)) {
      errors.add(new Invalid.FieldError("new_password", "must differ from the current password"));
    }
    if (!errors.isEmpty()) {
      audit.record(actorOf(doctor), PASSWORD_CHANGE, "doctor", doctorId, Outcome.FAILURE);
      throw new Invalid(errors);
    }
    doctor.changePassword(hasher.hash(newPassword), false);
    doctor.endSessions(keptTokenId);
    em.flush();
    revocations.forget(doctorId);
    audit.record(actorOf(doctor), PASSWORD_CHANGE, "doctor", doctorId, Outcome.SUCCESS);
    return doctor.getSessionVersion();
  }

  private PasswordPolicy policy() {
    if (policy == null) {
      policy = new PasswordPolicy();
    }
    return policy;
  }

  /**
   * The second step of a page sign-in, for the account whose password was right a moment ago: the
   * code, throttled like a password.
   */
  public Doctor signInWithCode(long doctorId, String otp, String clientAddress) {
    Doctor doctor = find(doctorId).orElseThrow(() -> new SecondFactorRequired(doctorId, true));
    String account = SignInThrottle.accountOf(Optional.of(doctorId), doctor.getEmail());
    throttle.beforePasswordCheck(account, clientAddress);
    if (!doctor.isActive()) {
      throw AccountRefused.notActive(doctor.getStatus());
    }
    if (!secondFactor.accept(doctorId, otp)) {
      throttle.recordFailure(account, clientAddress);
      audit.record(actorOf(doctor), SIGN_IN, "doctor", doctorId, Outcome.FAILURE);
      throw new SecondFactorRequired(doctorId, true);
    }
    throttle.recordSuccess(account, clientAddress);
    Doctor signedIn = revocations.signedIn(doctorId);
    audit.record(actorOf(signedIn), SIGN_IN, "doctor", doctorId, Outcome.SUCCESS);
    return signedIn;
  }

  /**
   * Whether the hospital requires administrators to use two-factor sign-in and this one has not set
   * it up yet.
   */
  public boolean mustSetUpSecondFactor(long doctorId) {
    return mfaRequiredForAdmins
        && find(doctorId).map(d -> d.isAdmin() && !d.isMfaEnabled()).orElse(false);
  }

  @Transactional
  public Optional<Doctor> findByEmail(String email) {
    return em.createQuery("select d from Doctor d where d.email = :email", Doctor.class)
        .setParameter("email", Doctor.normalizeEmail(email))
        .getResultStream()
        .findFirst();
  }

  @Transactional
  public Optional<Doctor> find(long id) {
    return Optional.ofNullable(em.find(Doctor.class, id));
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
