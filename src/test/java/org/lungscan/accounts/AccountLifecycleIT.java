package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/**
 * The account lifecycle of API 1.1 on the shared server (sign-up mode {@code open}, an
 * administrator configured): the administration of accounts, sign-out that ends tokens and page
 * sessions at once, password change and reset, the audience of tokens.
 */
class AccountLifecycleIT {

  private static Api api;
  private static String admin;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    admin = token(SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
  }

  @Test
  void inOpenModeANewAccountIsAnActiveDoctorNotTheFirstAdministrator() {
    Api.Doctor doctor = api.newDoctor("Dr. Open");
    JsonObject me = api.get("/api/auth/me", doctor.token()).json();
    assertEquals("ACTIVE", me.getString("status"));
    assertEquals("doctor", me.getString("role"));
    assertFalse(me.getBoolean("mfa_enabled"));
  }

  @Test
  void aDoctorIsRefusedEveryAdministrationPath() {
    Api.Doctor doctor = api.newDoctor("Dr. Curious");
    for (Reply reply :
        List.of(
            api.get("/api/admin/doctors", doctor.token()),
            api.post("/api/admin/doctors/" + doctor.id() + "/approve", "", doctor.token()),
            api.post("/api/admin/doctors/" + doctor.id() + "/disable", "", doctor.token()),
            api.post("/api/admin/doctors/" + doctor.id() + "/enable", "", doctor.token()),
            api.post("/api/admin/doctors/" + doctor.id() + "/password-reset", "", doctor.token()),
            api.put(
                "/api/admin/doctors/" + doctor.id() + "/role",
                "{\"role\":\"ADMIN\"}",
                doctor.token()))) {
      assertEquals(403, reply.status(), reply::toString);
      assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
    }
    assertEquals("doctor", api.get("/api/auth/me", doctor.token()).json().getString("role"));
  }

  @Test
  void theListFiltersByStatusAndQueryAndPages() {
    Api.Doctor zebra = api.newDoctor("Dr. Zebrafinch Listed");
    Api.Doctor other = api.newDoctor("Dr. Zebrafinch Listed");
    assertEquals(
        200, api.post("/api/admin/doctors/" + other.id() + "/disable", "", admin).status());

    Reply all = api.get("/api/admin/doctors?query=zebrafinch%20listed", admin);
    assertEquals(200, all.status(), all::toString);
    assertEquals("2", all.header("X-Total-Count"));
    JsonObject first = all.array().getJsonObject(0);
    for (String field :
        List.of("id", "name", "email", "role", "status", "mfa_enabled", "created_at")) {
      assertTrue(first.containsKey(field), field + " in " + first);
    }
    assertTrue(first.containsKey("last_sign_in_at"), first::toString);

    Reply disabled = api.get("/api/admin/doctors?status=disabled&query=ZEBRAFINCH", admin);
    assertEquals("1", disabled.header("X-Total-Count"), disabled::toString);
    assertEquals(other.id(), disabled.array().getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals("DISABLED", disabled.array().getJsonObject(0).getString("status"));

    Reply byEmail = api.get("/api/admin/doctors?query=" + zebra.email(), admin);
    assertEquals("1", byEmail.header("X-Total-Count"), byEmail::toString);
    assertFalse(
        byEmail.array().getJsonObject(0).isNull("last_sign_in_at"),
        "the doctor signed in when created");

    Reply paged = api.get("/api/admin/doctors?query=zebrafinch&size=1&page=1", admin);
    assertEquals(1, paged.array().size());
    assertEquals("2", paged.header("X-Total-Count"));

    assertEquals(400, api.get("/api/admin/doctors?status=ASLEEP", admin).status());
    assertEquals(400, api.get("/api/admin/doctors?size=0", admin).status());
  }

  @Test
  void disablingEndsTokensAndSessionsAtOnceAndRefusesSignInOnlyAfterTheRightPassword()
      throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Soon Disabled");
    PageSession page = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    assertEquals(200, api.get("/api/patients", doctor.token()).status());
    assertEquals(200, page.get("/app/dashboard.xhtml").statusCode());

    Reply disabled = api.post("/api/admin/doctors/" + doctor.id() + "/disable", "", admin);
    assertEquals(200, disabled.status(), disabled::toString);
    assertEquals("DISABLED", disabled.json().getString("status"));

    assertEquals(401, api.get("/api/patients", doctor.token()).status());
    assertEndedOnThePage(page);

    Reply wrong = login(doctor.email(), "not the password at all");
    assertEquals(401, wrong.status(), wrong::toString);
    assertFalse(wrong.body().contains("disabled"), "nothing told without the password");
    Reply right = login(doctor.email(), doctor.password());
    assertEquals(403, right.status(), right::toString);
    assertTrue(right.json().getString("detail").contains("disabled"), right::toString);

    Reply enabled = api.post("/api/admin/doctors/" + doctor.id() + "/enable", "", admin);
    assertEquals("ACTIVE", enabled.json().getString("status"));
    assertEquals(200, login(doctor.email(), doctor.password()).status());
    assertEquals(401, api.get("/api/patients", doctor.token()).status(), "old tokens stay ended");

    assertTrue(
        AuditRow.of(SystemServer.ADMIN_EMAIL).stream()
            .anyMatch(
                row -> row.line().equals("ACCOUNT_DISABLE doctor " + doctor.id() + " SUCCESS")),
        "the disabling is audited");
  }

  @Test
  void unknownAccountsAnswer404() {
    assertEquals(404, api.post("/api/admin/doctors/999999999/approve", "", admin).status());
    assertEquals(404, api.post("/api/admin/doctors/999999999/disable", "", admin).status());
    assertEquals(
        404, api.put("/api/admin/doctors/999999999/role", "{\"role\":\"ADMIN\"}", admin).status());
  }

  @Test
  void aRoleChangeEndsTheOldTokensAndTheLastActiveAdministratorStays() {
    Api.Doctor doctor = api.newDoctor("Dr. Promoted");
    assertEquals(
        400,
        api.put("/api/admin/doctors/" + doctor.id() + "/role", "{\"role\":\"KING\"}", admin)
            .status());
    Reply promoted =
        api.put("/api/admin/doctors/" + doctor.id() + "/role", "{\"role\":\"admin\"}", admin);
    assertEquals(200, promoted.status(), promoted::toString);
    assertEquals("admin", promoted.json().getString("role"));
    assertEquals(401, api.get("/api/auth/me", doctor.token()).status(), "its groups changed");
    String newAdmin = token(doctor.email(), doctor.password());
    assertEquals(200, api.get("/api/admin/doctors", newAdmin).status());

    // Every other active administrator steps down, so the configured one is the last.
    long configured = idOf(SystemServer.ADMIN_EMAIL);
    for (JsonObject account :
        api.get("/api/admin/doctors?status=ACTIVE&size=200", newAdmin)
            .array()
            .getValuesAs(JsonObject.class)) {
      long id = account.getJsonNumber("id").longValue();
      if (account.getString("role").equals("admin") && id != configured && id != doctor.id()) {
        api.put("/api/admin/doctors/" + id + "/role", "{\"role\":\"DOCTOR\"}", newAdmin);
      }
    }
    assertEquals(
        200,
        api.put("/api/admin/doctors/" + doctor.id() + "/role", "{\"role\":\"DOCTOR\"}", admin)
            .status());
    Reply demote =
        api.put("/api/admin/doctors/" + configured + "/role", "{\"role\":\"DOCTOR\"}", admin);
    assertEquals(409, demote.status(), demote::toString);
    assertEquals("application/problem+json", demote.header("Content-Type").split(";")[0]);
    Reply disable = api.post("/api/admin/doctors/" + configured + "/disable", "", admin);
    assertEquals(409, disable.status(), disable::toString);
    assertEquals(200, api.get("/api/admin/doctors", admin).status(), "still an administrator");
  }

  @Test
  void logoutEndsOnlyThePresentedTokenEverywhere() {
    Api.Doctor doctor = api.newDoctor("Dr. Logout");
    String second = token(doctor.email(), doctor.password());
    assertEquals(200, api.get("/api/patients", doctor.token()).status());
    assertEquals(204, api.post("/api/auth/logout", "", doctor.token()).status());
    Reply after = api.get("/api/patients", doctor.token());
    assertEquals(401, after.status(), after::toString);
    assertEquals("Bearer", after.header("WWW-Authenticate"));
    assertEquals(200, api.get("/api/patients", second).status(), "another token lives on");
    assertEquals(401, api.post("/api/auth/logout", "", doctor.token()).status());
  }

  @Test
  void logoutAllEndsEveryTokenAndPageSession() {
    Api.Doctor doctor = api.newDoctor("Dr. Logout All");
    String second = token(doctor.email(), doctor.password());
    PageSession page = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    assertEquals(200, page.get("/app/dashboard.xhtml").statusCode());
    assertEquals(204, api.post("/api/auth/logout-all", "", doctor.token()).status());
    assertEquals(401, api.get("/api/patients", doctor.token()).status());
    assertEquals(401, api.get("/api/patients", second).status());
    assertEndedOnThePage(page);
    assertEquals(200, api.get("/api/patients", token(doctor.email(), doctor.password())).status());
  }

  @Test
  void aPasswordChangeEndsEveryOtherTokenAndSession() {
    Api.Doctor doctor = api.newDoctor("Dr. New Password");
    String other = token(doctor.email(), doctor.password());
    PageSession page = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    String newPassword = "An entirely new passphrase 42";

    Reply wrongCurrent = changePassword(doctor.token(), "not my password", newPassword);
    assertEquals(400, wrongCurrent.status(), wrongCurrent::toString);
    assertEquals(
        "current_password",
        wrongCurrent.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    Reply weak = changePassword(doctor.token(), doctor.password(), "password1234");
    assertEquals(400, weak.status(), weak::toString);
    assertEquals(
        "new_password", weak.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(200, api.get("/api/patients", other).status(), "a refused change ends nothing");

    assertEquals(204, changePassword(doctor.token(), doctor.password(), newPassword).status());
    assertEquals(200, api.get("/api/patients", doctor.token()).status(), "the token it used");
    assertEquals(401, api.get("/api/patients", other).status());
    assertEndedOnThePage(page);
    assertEquals(401, login(doctor.email(), doctor.password()).status());
    assertEquals(200, login(doctor.email(), newPassword).status());
  }

  @Test
  void aResetPasswordMustBeChangedBeforeAnythingElse() {
    Api.Doctor doctor = api.newDoctor("Dr. Forgetful");
    Reply reset = api.post("/api/admin/doctors/" + doctor.id() + "/password-reset", "", admin);
    assertEquals(200, reset.status(), reset::toString);
    String temporary = reset.json().getString("temporary_password");
    assertTrue(temporary.length() >= 12);
    assertEquals(401, api.get("/api/patients", doctor.token()).status(), "old tokens end");
    assertEquals(401, login(doctor.email(), doctor.password()).status());

    Reply login = login(doctor.email(), temporary);
    assertEquals(200, login.status(), login::toString);
    String token = login.json().getString("token");
    assertTrue(api.get("/api/auth/me", token).json().getBoolean("password_change_required"));
    Reply refused = api.get("/api/patients", token);
    assertEquals(403, refused.status(), refused::toString);
    assertTrue(refused.json().getString("detail").contains("/api/auth/password"));

    String mine = "My own passphrase again 7";
    assertEquals(204, changePassword(token, temporary, mine).status());
    assertEquals(200, api.get("/api/patients", token).status());
    assertFalse(api.get("/api/auth/me", token).json().getBoolean("password_change_required"));
    assertFalse(reset.body().contains(doctor.password()));
  }

  private static void assertEndedOnThePage(PageSession page) {
    HttpResponse<String> dashboard = page.get("/app/dashboard.xhtml");
    assertEquals(302, dashboard.statusCode(), "the page session ended");
    Optional<String> location = dashboard.headers().firstValue("Location");
    assertTrue(location.orElse("").contains("/login.xhtml?ended=true"), location::toString);
    HttpResponse<String> login = page.get("/login.xhtml?ended=true");
    assertTrue(login.body().contains("Your session was ended"), "the page says why");
  }

  private static long idOf(String email) {
    Reply found = api.get("/api/admin/doctors?query=" + email, admin);
    return found.array().getJsonObject(0).getJsonNumber("id").longValue();
  }

  private static Reply changePassword(String token, String current, String next) {
    return api.put(
        "/api/auth/password",
        Api.json(
            Json.createObjectBuilder().add("current_password", current).add("new_password", next)),
        token);
  }

  static Reply login(String email, String password) {
    return api.post(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        null);
  }

  static String token(String email, String password) {
    Reply login = login(email, password);
    assertEquals(200, login.status(), login::toString);
    String token = login.json().getString("token");
    assertNotEquals("", token);
    return token;
  }
}
