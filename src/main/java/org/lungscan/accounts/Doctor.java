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

  protected Doctor() {}

  public Doctor(String name, String email, String passwordHash, Role role) {
    this.name = name;
    this.email = normalizeEmail(email);
    this.passwordHash = passwordHash;
    this.role = role;
    this.createdAt = Instant.now();
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
