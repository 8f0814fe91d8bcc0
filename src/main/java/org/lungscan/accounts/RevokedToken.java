package org.lungscan.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single token ended by logging out, remembered until it would have expired anyway. */
@Entity
@Table(name = "revoked_token")
public class RevokedToken {

  @Id
  @Column(name = "token_id", length = 64)
  private String tokenId;

  @Column(name = "doctor_id", nullable = false)
  private long doctorId;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected RevokedToken() {}

  RevokedToken(String tokenId, long doctorId, Instant expiresAt) {
    this.tokenId = tokenId;
    this.doctorId = doctorId;
    this.expiresAt = expiresAt;
  }
}
