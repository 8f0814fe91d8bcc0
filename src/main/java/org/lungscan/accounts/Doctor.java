package org.lungscan.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;

/**
 * A doctor's account. The email is kept in one form (see {@link #normalizeEmail}) and compared
 * exactly, character for character: it is unique whatever its case, and an accented variant of it
 * is another email.
 */
@Entity
@Table(name = "doctor")
public class Doctor {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false, length = 254, unique = true)
  private String email;

  @Column(name = "password_hash", nullable = false, length = 72)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Role role;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private AccountStatus status;

  @Column(name = "last_sign_in_at")
  private Instant lastSignInAt;

  @Column(name = "session_version", nullable = false)
  private int sessionVersion;

  @Column(name = "kept_token_id", length = 64)
  private String keptTokenId;

  @Column(name = "password_change_required", nullable = false)
  private boolean passwordChangeRequired;

  @Column(name = "mfa_secret", length = 255)
  private String mfaSecret;

  @Column(name = "mfa_enabled", nullable = false)
  private boolean mfaEnabled;

  @Column(name = "mfa_last_step")
  private Long mfaLastStep;

  protected Doctor() {}

  /** An active account. */
  public Doctor(String name, String email, String passwordHash, Role role) {
    this(name, email, passwordHash, role, AccountStatus.ACTIVE);
  }

  public Doctor(String name, String email, String passwordHash, Role role, AccountStatus status) {
    this.name = name;
    this.email = normalizeEmail(email);
    this.passwordHash = passwordHash;
    this.role = role;
    this.status = status;
    this.createdAt = Instant.now();
  }

  /** Ends every token and page session begun before now, except the token named (or none). */
  void endSessions(String keptToken) {
    sessionVersion++;
    keptTokenId = keptToken;
  }

  void approve() {
    status = AccountStatus.ACTIVE;
  }

  void enable() {
    status = AccountStatus.ACTIVE;
  }

  void disable() {
    status = AccountStatus.DISABLED;
    endSessions(null);
  }

  void changeRole(Role role) {
    this.role = role;
    endSessions(null);
  }

  void changePassword(String newHash, boolean mustChangeAgain) {
    passwordHash = newHash;
    passwordChangeRequired = mustChangeAgain;
  }

  void signedIn() {
    lastSignInAt = Instant.now();
  }

  void startMfa(String sealedSecret) {
    mfaSecret = sealedSecret;
    mfaEnabled = false;
  }

  void mfaAccepted(long step) {
    mfaLastStep = step;
  }

  void enableMfa() {
    mfaEnabled = true;
  }

  void disableMfa() {
    mfaEnabled = false;
    mfaSecret = null;
  }

  public AccountStatus getStatus() {
    return status;
  }

  public boolean isActive() {
    return status == AccountStatus.ACTIVE;
  }

  public Instant getLastSignInAt() {
    return lastSignInAt;
  }

  public int getSessionVersion() {
    return sessionVersion;
  }

  public String getKeptTokenId() {
    return keptTokenId;
  }

  public boolean isPasswordChangeRequired() {
    return passwordChangeRequired;
  }

  String getMfaSecret() {
    return mfaSecret;
  }

  public boolean isMfaEnabled() {
    return mfaEnabled;
  }

  Long getMfaLastStep() {
    return mfaLastStep;
  }

  /**
   * Trimmed, lower case in every language alike, and in Unicode's composed form (NFC), so that the
   * same email typed on any keyboard is the same text, and different text is a different email.
   */
  public static String normalizeEmail(String email) {
    return email == null
        ? null
        : Normalizer.normalize(email.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
