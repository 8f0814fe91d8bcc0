package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.TestDatabase;

/**
 * A hospital's own start on MariaDB: an empty database, no administrator configured, sign-up in its
 * default mode (approval). The first account becomes an active administrator, who approves the
 * next, pending, one. Then the same server restarted with sign-up closed and two-factor sign-in
 * required of administrators. (The shared system server runs in open mode; see AccountLifecycleIT.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignUpModesIT {

  private static final TestDatabase DATABASE = new TestDatabase("lungscan_it_signup_modes");
  private static RunningServer server;
  private static Api api;
  private static final String FIRST_EMAIL = "first@signup.test";
  private static final String FIRST_PASSWORD = "The first account's passphrase";
  private static final String NEXT_EMAIL = "next@signup.test";
  private static final String NEXT_PASSWORD = "The next account's passphrase";

  @BeforeAll
  static void serverWithNoAdministrator() throws Exception {
    DATABASE.recreate();
    Path directory = Path.of("target", "it-signup-modes").toAbsolutePath();
    Map<String, String> env = new HashMap<>();
    env.put("LUNGSCAN_DB_URL", DATABASE.url());
    env.put("LUNGSCAN_DB_USER", TestDatabase.user());
    env.put("LUNGSCAN_DB_PASSWORD", TestDatabase.password());
    env.put("LUNGSCAN_DATA_DIR", directory.resolve("data").toString());
    server = new RunningServer(directory, Integer.getInteger("it.signup.port", 18060), env);
    server.start("/health/live");
    api = new Api(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    DATABASE.drop();
  }

  @Test
  @Order(1)
  void theFirstAccountAdministersAndApprovesTheNextWhichWaitsUntilThen() {
    Reply first = signUp("Dr. First", FIRST_EMAIL, FIRST_PASSWORD);
    assertEquals(201, first.status(), first::toString);
    assertEquals("ACTIVE", first.json().getString("status"));
    assertEquals("admin", first.json().getString("role"));
    String admin = AccountsLogin.token(api, FIRST_EMAIL, FIRST_PASSWORD);

    Reply next = signUp("Dr. Next", NEXT_EMAIL, NEXT_PASSWORD);
    assertEquals(201, next.status(), next::toString);
    assertEquals("PENDING", next.json().getString("status"), "only the first is promoted");
    assertEquals("doctor", next.json().getString("role"));
    long nextId = next.json().getJsonNumber("id").longValue();

    Reply wrong = AccountsLogin.login(api, NEXT_EMAIL, "not the right passphrase");
    assertEquals(401, wrong.status(), wrong::toString);
    assertFalse(wrong.body().contains("approv"), "nothing told without the password");
    Reply waiting = AccountsLogin.login(api, NEXT_EMAIL, NEXT_PASSWORD);
    assertEquals(403, waiting.status(), waiting::toString);
    assertEquals("application/problem+json", waiting.header("Content-Type").split(";")[0]);
    assertTrue(waiting.json().getString("detail").contains("approval"), waiting::toString);

    Reply pending = api.get("/api/admin/doctors?status=PENDING", admin);
    assertEquals("1", pending.header("X-Total-Count"), pending::toString);
    assertEquals(nextId, pending.array().getJsonObject(0).getJsonNumber("id").longValue());

    Reply approved = api.post("/api/admin/doctors/" + nextId + "/approve", "", admin);
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("ACTIVE", approved.json().getString("status"));
    String token = AccountsLogin.token(api, NEXT_EMAIL, NEXT_PASSWORD);
    JsonObject me = api.get("/api/auth/me", token).json();
    assertEquals("ACTIVE", me.getString("status"));
    assertEquals("doctor", me.getString("role"));
    assertEquals(403, api.get("/api/admin/doctors", token).status());
  }

  @Test
  @Order(2)
  void withSignUpClosedNobodySignsUpAndAccountsStillSignIn() throws Exception {
    server.stop();
    server.setEnvironment("LUNGSCAN_SIGNUP", "closed");
    server.setEnvironment("LUNGSCAN_MFA_REQUIRED_FOR_ADMINS", "true");
    server.start("/health/live");

    Reply closed = signUp("Dr. Late", "late@signup.test", "A late doctor's passphrase");
    assertEquals(403, closed.status(), closed::toString);
    assertEquals("application/problem+json", closed.header("Content-Type").split(";")[0]);
    assertTrue(closed.json().getString("detail").contains("closed"), closed::toString);
    assertEquals(
        401, AccountsLogin.login(api, "late@signup.test", "A late doctor's passphrase").status());
    assertEquals(200, AccountsLogin.login(api, NEXT_EMAIL, NEXT_PASSWORD).status());
  }

  @Test
  @Order(3)
  void whenRequiredAnAdministratorSetsUpTwoFactorSignInBeforeTheConsole() {
    PageSession first = PageSession.signIn(server, FIRST_EMAIL, FIRST_PASSWORD);
    assertTrue(
        first
            .loginAnswer()
            .headers()
            .firstValue("Location")
            .orElse("")
            .contains("/app/account.xhtml?twoFactorRequired=true"),
        "sent to set it up at sign-in");
    HttpResponse<String> console = first.get("/admin/accounts.xhtml");
    assertEquals(302, console.statusCode());
    assertTrue(
        console.headers().firstValue("Location").orElse("").contains("/app/account.xhtml"),
        console.headers()::toString);
    assertEquals(200, first.get("/app/dashboard.xhtml").statusCode(), "a doctor's pages stay open");
    HttpResponse<String> page = first.get("/app/account.xhtml?twoFactorRequired=true");
    assertTrue(page.body().contains("Administrators must use two-factor sign-in"), "says why");

    PageSession doctor = PageSession.signIn(server, NEXT_EMAIL, NEXT_PASSWORD);
    assertTrue(
        doctor.loginAnswer().headers().firstValue("Location").orElse("").contains("/app/dashboard"),
        "not asked of doctors");
  }

  private static Reply signUp(String name, String email, String password) {
    return api.post(
        "/api/auth/signup",
        Api.json(
            Json.createObjectBuilder()
                .add("name", name)
                .add("email", email)
                .add("password", password)),
        null);
  }
}
