package org.lungscan.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a token or a page session still stands: its account active, its session version current
 * (or it is the one token kept through a password change), the token not logged out. Read from the
 * database, so a change on any instance holds on every instance within {@link #FRESH_MILLIS}; this
 * instance's own changes hold at once.
 */
@ApplicationScoped
public class Revocations {

  /** How long a doctor's standing, once read, is believed without reading it again. */
  static final long FRESH_MILLIS = 500;

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  private final Map<Long, Standing> standings = new ConcurrentHashMap<>();

  /** Whether a token with this id and session version, of this doctor, is still accepted. */
  public boolean tokenStands(long doctorId, String tokenId, int version) {
    Standing standing = standingOf(doctorId);
    return standing != null
        && standing.active()
        && (standing.version() == version || tokenId.equals(standing.keptTokenId()))
        && !standing.revokedTokens().contains(tokenId);
  }

  /** Whether a page session begun at this session version still stands. */
  public boolean sessionStands(long doctorId, int version) {
    Standing standing = standingOf(doctorId);
    return standing != null && standing.active() && standing.version() == version;
  }

  /** Whether the doctor must choose a new password before anything else. */
  public boolean passwordChangeRequired(long doctorId) {
    Standing standing = standingOf(doctorId);
    return standing != null && standing.passwordChangeRequired();
  }

  /** Ends one token; expired entries are dropped on the way. */
  @Transactional
  public void revoke(long doctorId, String tokenId, Instant expiresAt) {
    em.createQuery("delete from RevokedToken r where r.expiresAt < :now")
        .setParameter("now", Instant.now())
        .executeUpdate();
    if (em.find(RevokedToken.class, tokenId) == null) {
      em.persist(new RevokedToken(tokenId, doctorId, expiresAt));
    }
    em.flush();
    forget(doctorId);
  }

  /** Ends every token and page session of the doctor, except the token named (or none). */
  @Transactional
  public int endAll(long doctorId, String keptTokenId) {
    Doctor doctor = em.find(Doctor.class, doctorId);
    doctor.endSessions(keptTokenId);
    em.flush();
    forget(doctorId);
    return doctor.getSessionVersion();
  }

  /** Notes the moment of a successful sign-in; returns the account as it now is. */
  @Transactional
  public Doctor signedIn(long doctorId) {
    Doctor doctor = em.find(Doctor.class, doctorId);
    doctor.signedIn();
    return doctor;
  }

  /** Reads the doctor's standing again at the next check. */
  public void forget(long doctorId) {
    standings.remove(doctorId);
  }

  private Standing standingOf(long doctorId) {
    long now = System.currentTimeMillis();
    Standing standing = standings.get(doctorId);
    if (standing == null || now - standing.readAt() > FRESH_MILLIS) {
      standing = read(doctorId, now);
      if (standing == null) {
        standings.remove(doctorId);
      } else {
        standings.put(doctorId, standing);
      }
    }
    return standing;
  }

  @Transactional
  Standing read(long doctorId, long now) {
    Doctor doctor = em.find(Doctor.class, doctorId);
    if (doctor == null) {
      return null;
    }
    Set<String> revoked =
        Set.copyOf(
            em.createQuery(
                    "select r.tokenId from RevokedToken r where r.doctorId = :doctor"
                        + " and r.expiresAt > :now",
                    String.class)
                .setParameter("doctor", doctorId)
                .setParameter("now", Instant.now())
                .getResultList());
    return new Standing(
        doctor.isActive(),
        doctor.getSessionVersion(),
        doctor.getKeptTokenId(),
        doctor.isPasswordChangeRequired(),
        revoked,
        now);
  }

  record Standing(
      boolean active,
      int version,
      String keptTokenId,
      boolean passwordChangeRequired,
      Set<String> revokedTokens,
      long readAt) {}
}
