package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password1234",
        "PasswordPassword",
        "123456789012",
        "qwertyuiop123",
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "iloveyou2026!!",
        "Sunshine123456"
      })
  void commonOrTriviallyVariedPasswordsAreRefused(String password) {
    assertTrue(policy.problemWith(password).orElse("").contains("too common"), password);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Correct horse battery staple", "mX9#qT2!vL7@", "lung scans at dawn 42"})
  void unusualPasswordsOfTheRightLengthAreAccepted(String password) {
    assertEquals(Optional.empty(), policy.problemWith(password));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 11, 129})
  void lengthOutsideTwelveToOneHundredTwentyEightIsRefused(int length) {
    assertTrue(
        policy
            .problemWith("k".repeat(Math.max(0, length - 1)) + (length > 0 ? "Z" : ""))
            .isPresent());
  }
}
