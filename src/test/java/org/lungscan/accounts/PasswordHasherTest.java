package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(4);

  @Test
  void theLongestAllowedPasswordWorksAndEveryCharacterCounts() {
    String longest =
        "correct horse battery staple ".repeat(5).substring(0, PasswordPolicy.MAX_LENGTH);
    String sameFirst100 = longest.substring(0, 100) + "x".repeat(28);
    String hash = hasher.hash(longest);
    assertTrue(hasher.matches(longest, hash));
    assertFalse(
        hasher.matches(sameFirst100, hash), "characters past bcrypt's 72 bytes are not ignored");
  }

  @Test
  void aWrongPasswordDoesNotMatchAndTheHashIsBcrypt() {
    String hash = hasher.hash("Twelve chars plus");
    assertTrue(hash.startsWith("$2a$04$"), hash);
    assertFalse(hasher.matches("Twelve chars plu", hash));
    assertTrue(hasher.matches("Twelve chars plus", hash));
  }

  @Test
  void multiByteCharactersAreFine() {
    String hash = hasher.hash("Lungenkrebs-Früherkennung ✓ 肺");
    assertTrue(hasher.matches("Lungenkrebs-Früherkennung ✓ 肺", hash));
  }
}
