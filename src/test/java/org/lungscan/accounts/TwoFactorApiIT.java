package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;

/** Two-factor sign-in through the API: set-up, drift, codes used once, turning it off. */
class TwoFactorApiIT {

  private static Api api;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
  }

  @Test
  void setUpConfirmedByACodeThenEverySignInNeedsAFreshCode() {
    Api.Doctor doctor = api.newDoctor("Dr. Authenticator");
    Reply setup = api.post("/api/auth/mfa", "", doctor.token());
    assertEquals(200, setup.status(), setup::toString);
    String text = setup.json().getString("secret");
    String uri = setup.json().getString("otpauth_uri");
    assertTrue(uri.startsWith("otpauth://totp/LungScan%3A"), uri);
    assertTrue(uri.contains("secret=" + text) && uri.contains("issuer=LungScan"), uri);
    byte[] secret = Totp.fromBase32(text);
    assertFalse(me(doctor.token()).getBoolean("mfa_enabled"), "not before it is confirmed");
    assertEquals(
        200,
        AccountsLogin.login(api, doctor.email(), doctor.password()).status(),
        "no code needed before it is confirmed");

    Reply wrong = confirm(doctor.token(), "12345");
    assertEquals(400, wrong.status(), wrong::toString);
    assertEquals("otp", wrong.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    long step = AccountPagesIT.waitClearOfAStepBoundary();
    assertEquals(204, confirm(doctor.token(), Totp.code(secret, step)).status());
    assertTrue(me(doctor.token()).getBoolean("mfa_enabled"));

    Reply noCode = AccountsLogin.login(api, doctor.email(), doctor.password());
    assertEquals(401, noCode.status(), noCode::toString);
    assertTrue(noCode.json().getBoolean("mfa_required"), noCode::toString);
    assertEquals("Bearer", noCode.header("WWW-Authenticate"));
    Reply wrongPassword =
        login(doctor.email(), "not the right passphrase", Totp.code(secret, step));
    assertEquals(401, wrongPassword.status());
    assertFalse(wrongPassword.body().contains("mfa_required"), "nothing told without the password");

    Reply reused = login(doctor.email(), doctor.password(), Totp.code(secret, step));
    assertEquals(401, reused.status(), "the code that confirmed is used up");
    assertTrue(reused.json().getBoolean("mfa_required"));
    Reply next = login(doctor.email(), doctor.password(), Totp.code(secret, step + 1));
    assertEquals(200, next.status(), next::toString);
    assertEquals(
        401,
        login(doctor.email(), doctor.password(), Totp.code(secret, step + 1)).status(),
        "each code once");

    Reply off =
        api.send(
            api.request("/api/auth/mfa", doctor.token())
                .header("Content-Type", "application/json")
                .method(
                    "DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(code("000000"))));
    assertEquals(400, off.status(), off::toString);
    assertTrue(me(doctor.token()).getBoolean("mfa_enabled"));
  }

  @Test
  void aCodeOneStepOldIsAcceptedTwoStepsOldIsNot() {
    Api.Doctor late = api.newDoctor("Dr. One Step Late");
    byte[] lateSecret = secretOf(late);
    long step = AccountPagesIT.waitClearOfAStepBoundary();
    assertEquals(204, confirm(late.token(), Totp.code(lateSecret, step - 1)).status());

    Api.Doctor later = api.newDoctor("Dr. Two Steps Late");
    byte[] laterSecret = secretOf(later);
    step = AccountPagesIT.waitClearOfAStepBoundary();
    Reply tooOld = confirm(later.token(), Totp.code(laterSecret, step - 2));
    assertEquals(400, tooOld.status(), tooOld::toString);
    Reply ahead = confirm(later.token(), Totp.code(laterSecret, step + 1));
    assertEquals(204, ahead.status(), "one step ahead (a fast clock) is accepted too");
    Reply behindTheLast = login(later.email(), later.password(), Totp.code(laterSecret, step));
    assertEquals(401, behindTheLast.status(), "a code older than the last accepted one");
  }

  @Test
  void turningItOffNeedsACurrentCode() {
    Api.Doctor doctor = api.newDoctor("Dr. Off Again");
    byte[] secret = secretOf(doctor);
    long step = AccountPagesIT.waitClearOfAStepBoundary();
    assertEquals(204, confirm(doctor.token(), Totp.code(secret, step - 1)).status());
    assertEquals(409, api.post("/api/auth/mfa", "", doctor.token()).status(), "on already");
    Reply off =
        api.send(
            api.request("/api/auth/mfa", doctor.token())
                .header("Content-Type", "application/json")
                .method(
                    "DELETE",
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        code(Totp.code(secret, step)))));
    assertEquals(204, off.status(), off::toString);
    assertFalse(me(doctor.token()).getBoolean("mfa_enabled"));
    assertEquals(200, AccountsLogin.login(api, doctor.email(), doctor.password()).status());
  }

  @Test
  void theSecretIsNotInTheDatabaseInTheClear() throws Exception {
    Api.Doctor doctor = api.newDoctor("Dr. Sealed");
    Reply setup = api.post("/api/auth/mfa", "", doctor.token());
    String text = setup.json().getString("secret");
    try (var c = SystemServer.database().connect();
        var s = c.prepareStatement("SELECT mfa_secret FROM doctor WHERE id = ?")) {
      s.setLong(1, doctor.id());
      try (var rs = s.executeQuery()) {
        assertTrue(rs.next());
        String stored = rs.getString(1);
        assertFalse(stored == null || stored.contains(text), "sealed");
        String hex = java.util.HexFormat.of().formatHex(Totp.fromBase32(text));
        assertFalse(stored.toLowerCase().contains(hex));
      }
    }
  }

  private static byte[] secretOf(Api.Doctor doctor) {
    Reply setup = api.post("/api/auth/mfa", "", doctor.token());
    assertEquals(200, setup.status(), setup::toString);
    return Totp.fromBase32(setup.json().getString("secret"));
  }

  private static JsonObject me(String token) {
    return api.get("/api/auth/me", token).json();
  }

  private static Reply confirm(String token, String otp) {
    return api.post("/api/auth/mfa/confirm", code(otp), token);
  }

  private static String code(String otp) {
    return Api.json(Json.createObjectBuilder().add("otp", otp));
  }

  private static Reply login(String email, String password, String otp) {
    return api.post(
        "/api/auth/login",
        Api.json(
            Json.createObjectBuilder()
                .add("email", email)
                .add("password", password)
                .add("otp", otp)),
        null);
  }
}
