package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 appendix B, the SHA-1 rows: eight digits. */
  @ParameterizedTest(name = "T = {0}")
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void rfc6238TestVectors(long unixSeconds, String expected) {
    long step = Totp.stepAt(Instant.ofEpochSecond(unixSeconds));
    assertEquals(expected, Totp.code(RFC_SEED, step, 8));
  }

  /** RFC 4226 appendix D: the same truncation, six digits, counters 0 to 9. */
  @ParameterizedTest(name = "counter {0}")
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
  })
  void rfc4226TestVectorsInSixDigits(long counter, String expected) {
    assertEquals(expected, Totp.code(RFC_SEED, counter));
  }

  @Test
  void sixDigitsAreTheLastSixOfEight() {
    for (long step = 0; step < 500; step++) {
      String eight = Totp.code(RFC_SEED, step, 8);
      assertEquals(eight.substring(2), Totp.code(RFC_SEED, step, 6));
    }
  }

  @Test
  void stepsAreThirtySecondsFromTheEpoch() {
    assertEquals(0, Totp.stepAt(Instant.ofEpochSecond(29)));
    assertEquals(1, Totp.stepAt(Instant.ofEpochSecond(30)));
    assertEquals(37037036, Totp.stepAt(Instant.ofEpochSecond(1111111109)));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void base32AsRfc4648WithoutPadding(String text, String encoded) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    assertEquals(encoded, Totp.base32(bytes));
    assertArrayEquals(bytes, Totp.fromBase32(encoded.toLowerCase() + "===="));
  }

  @Test
  void newSecretsAre160BitsAndDiffer() {
    byte[] one = Totp.newSecret();
    assertEquals(20, one.length);
    assertEquals(32, Totp.base32(one).length());
    assertNotEquals(Totp.base32(one), Totp.base32(Totp.newSecret()));
  }
}
