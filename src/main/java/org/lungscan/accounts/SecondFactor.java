package org.lungscan.accounts;

import static org.lungscan.audit.AuditAction.MFA_DISABLE;
import static org.lungscan.audit.AuditAction.MFA_ENABLE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.NotFound;

/**
 * Two-factor sign-in with TOTP ({@link Totp}): set up, confirmed by a first code, checked at every
 * sign-in, turned off with a code. A code is accepted for its own step or one step either side, and
 * once only: the last accepted step is kept with the account and only a later one counts, on every
 * instance (one conditional update decides).
 */
@ApplicationScoped
public class SecondFactor {

  static final String ISSUER = "LungScan";

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject AuditTrail audit;

  private volatile SecretBox box;

  /** A new secret for the doctor, not in force until {@link #confirm} accepts a code of it. */
  @Transactional
  public Setup begin(long doctorId) {
    Doctor doctor = doctor(doctorId);
    if (doctor.isMfaEnabled()) {
      throw new Conflict("Two-factor sign-in is on already: turn it off first to change it.");
    }
    byte[] secret = Totp.newSecret();
    doctor.startMfa(box().seal(doctorId, secret));
    String text = Totp.base32(secret);
    return new Setup(text, uri(doctor.getEmail(), text));
  }

  /** Turns two-factor sign-in on when the code fits the secret {@link #begin} gave. */
  @Transactional
  public void confirm(long doctorId, String otp) {
    Doctor doctor = doctor(doctorId);
    if (doctor.isMfaEnabled()) {
      return;
    }
    if (doctor.getMfaSecret() == null) {
      throw new Invalid("otp", "start the set-up first");
    }
    if (!accept(doctorId, otp)) {
      throw new Invalid("otp", "is not the current code of the authenticator app");
    }
    doctor.enableMfa();
    audit.record(AccountService.actorOf(doctor), MFA_ENABLE, "doctor", doctorId, Outcome.SUCCESS);
  }

  /** Turns it off, given a current code. */
  @Transactional
  public void turnOff(long doctorId, String otp) {
    Doctor doctor = doctor(doctorId);
    if (!doctor.isMfaEnabled()) {
      return;
    }
    if (!accept(doctorId, otp)) {
      throw new Invalid("otp", "is not the current code of the authenticator app");
    }
    doctor.disableMfa();
    audit.record(AccountService.actorOf(doctor), MFA_DISABLE, "doctor", doctorId, Outcome.SUCCESS);
  }

  /**
   * Whether the code is the doctor's for the current step or one either side, and later than the
   * last one accepted; if so, it is used up.
   */
  @Transactional
  public boolean accept(long doctorId, String otp) {
    if (otp == null || !otp.strip().matches("\\d{" + Totp.DIGITS + "}")) {
      return false;
    }
    Doctor doctor = doctor(doctorId);
    if (doctor.getMfaSecret() == null) {
      return false;
    }
    byte[] secret = box().open(doctorId, doctor.getMfaSecret());
    long now = Totp.stepAt(Instant.now());
    byte[] given = otp.strip().getBytes(StandardCharsets.US_ASCII);
    for (long step = now + 1; step >= now - 1; step--) {
      byte[] expected = Totp.code(secret, step).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given)) {
        return useUp(doctorId, step);
      }
    }
    return false;
  }

  private boolean useUp(long doctorId, long step) {
    int updated =
        em.createQuery(
                "update Doctor d set d.mfaLastStep = :step where d.id = :id"
                    + " and (d.mfaLastStep is null or d.mfaLastStep < :step)")
            .setParameter("step", step)
            .setParameter("id", doctorId)
            .executeUpdate();
    return updated == 1;
  }

  private Doctor doctor(long doctorId) {
    Doctor doctor = em.find(Doctor.class, doctorId);
    if (doctor == null) {
      throw new NotFound("doctor", doctorId);
    }
    return doctor;
  }

  private SecretBox box() {
    if (box == null) {
      box = SecretBox.load();
    }
    return box;
  }

  static String uri(String email, String secret) {
    String label =
        URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret
        + "&issuer="
        + ISSUER
        + "&algorithm=SHA1&digits="
        + Totp.DIGITS
        + "&period="
        + Totp.STEP_SECONDS;
  }

  /** A secret to type or scan into an authenticator app. */
  @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "TwoFactorSetup")
  public record Setup(String secret, String otpauthUri) {}
}
