package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.FromAddress;
import org.lungscan.testing.SystemServer;

/**
 * An email is one account whatever its case, and an accented variant of it is another email: it
 * never signs in to the account without the accent, and it is throttled as what it is. On MariaDB,
 * whose default collations ignore accents, this needs the application's exact comparison.
 */
class EmailIdentityIT {

  private static final String PASSWORD = "Alice's own passphrase 1";
  private static final String VARIANTS_PASSWORD = "Someone else's passphrase 2";

  private static Api api;
  private static FromAddress proxy;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    proxy = new FromAddress(SystemServer.TRUSTED_PROXY, SystemServer.get());
  }

  @Test
  void anAccentedVariantIsAnotherEmailNeverTheSameAccount() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String email = "alice." + unique + "@hospital.test";
    String variant = "alic\u00e9." + unique + "@hospital.test";
    long alice = signUp(email, PASSWORD);

    assertEquals(
        401,
        login("198.51.100.50", variant, PASSWORD).status(),
        "the variant does not open alice's account");
    assertEquals(
        alice,
        idOf(api.post("/api/auth/login", body(email.toUpperCase(Locale.ROOT), PASSWORD), null)));

    long other = signUp(variant, VARIANTS_PASSWORD);
    assertNotEquals(alice, other, "the variant is an account of its own");
    assertEquals(other, idOf(api.post("/api/auth/login", body(variant, VARIANTS_PASSWORD), null)));
    String decomposed = Normalizer.normalize(variant, Normalizer.Form.NFD);
    assertNotEquals(variant, decomposed);
    assertEquals(
        other,
        idOf(api.post("/api/auth/login", body(decomposed, VARIANTS_PASSWORD), null)),
        "the same letters typed as letter plus accent are the same email");
    assertEquals(401, login("198.51.100.50", email, VARIANTS_PASSWORD).status());
    assertEquals(alice, idOf(api.post("/api/auth/login", body(email, PASSWORD), null)));
  }

  @Test
  void theCaseOfAnEmailNeverMattersAndItsAccentsAlwaysDo() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String email = "alice." + unique + "@hospital.test";
    String variant = "alic\u00e9." + unique + "@hospital.test";
    String upperCase = email.toUpperCase(Locale.ROOT);
    signUp(email, PASSWORD);

    String prober = "198.51.100.51";
    for (int i = 0; i < SignInThrottleIT.FAILURES_PER_ACCOUNT; i++) {
      assertEquals(401, login(prober, variant, "Guess " + i).status());
    }
    assertEquals(429, login(prober, variant, PASSWORD).status(), "the variant waits");
    assertEquals(
        200, login(prober, email, PASSWORD).status(), "alice's account is counted apart from it");

    String guesser = "198.51.100.52";
    for (int i = 0; i < SignInThrottleIT.FAILURES_PER_ACCOUNT; i++) {
      assertEquals(401, login(guesser, i % 2 == 0 ? email : upperCase, "Guess " + i).status());
    }
    assertEquals(429, login(guesser, email, PASSWORD).status(), "both cases count as alice");
    assertEquals(429, login(guesser, upperCase, PASSWORD).status());
    assertEquals(401, login(guesser, variant, PASSWORD).status(), "the variant is not alice");
  }

  private static long signUp(String email, String password) {
    Reply created =
        api.post(
            "/api/auth/signup",
            Api.json(
                Json.createObjectBuilder()
                    .add("name", "Dr. Alice")
                    .add("email", email)
                    .add("password", password)),
            null);
    assertEquals(201, created.status(), created::toString);
    assertEquals(
        Normalizer.normalize(email.toLowerCase(Locale.ROOT), Normalizer.Form.NFC),
        created.json().getString("email"));
    return created.json().getJsonNumber("id").longValue();
  }

  private static long idOf(Reply login) {
    assertEquals(200, login.status(), login::toString);
    return login.json().getJsonObject("user").getJsonNumber("id").longValue();
  }

  private static FromAddress.Reply login(String client, String email, String password) {
    return proxy.postJson("/api/auth/login", body(email, password), client);
  }

  private static String body(String email, String password) {
    return Api.json(Json.createObjectBuilder().add("email", email).add("password", password));
  }
}
