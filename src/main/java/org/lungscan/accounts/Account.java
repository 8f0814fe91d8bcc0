package org.lungscan.accounts;

import java.time.Instant;

/** A doctor's account as an administrator sees it. */
public record Account(
    long id,
    String name,
    String email,
    Role role,
    AccountStatus status,
    boolean mfaEnabled,
    Instant createdAt,
    Instant lastSignInAt) {

  static Account of(Doctor doctor) {
    return new Account(
        doctor.getId(),
        doctor.getName(),
        doctor.getEmail(),
        doctor.getRole(),
        doctor.getStatus(),
        doctor.isMfaEnabled(),
        doctor.getCreatedAt(),
        doctor.getLastSignInAt());
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
