package org.lungscan.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** bcrypt hashing of passwords, with the cost the hospital configured. */
@ApplicationScoped
public class PasswordHasher {

  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

  /**
   * bcrypt reads at most 72 bytes; a longer password (up to 128 characters are allowed) is first
   * hashed with SHA-512, so that every character counts and nothing is silently cut off.
   */
  private static final LongPasswordStrategy LONG_PASSWORDS =
      LongPasswordStrategies.hashSha512(VERSION);

  private final int cost;
  private final String hashOfNothing;

  @Inject
  public PasswordHasher(@ConfigProperty(name = "lungscan.bcrypt.cost") int cost) {
    this.cost = cost;
    this.hashOfNothing = hash("an account that does not exist");
  }

  public String hash(String password) {
    return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(cost, password.toCharArray());
  }

  public boolean matches(String password, String hash) {
    return BCrypt.verifyer(VERSION, LONG_PASSWORDS)
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  /**
   * Spends the time a real check would, so that an unknown email cannot be told from a wrong
   * password by how long the answer takes.
   */
  public void matchNothing(String password) {
    matches(password, hashOfNothing);
  }

  /** Protected for CDI's proxy only. */
  protected PasswordHasher() {
    this.cost = 0;
    this.hashOfNothing = null;
  }
}
