package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/** Logging in through the API, for the accounts tests. */
final class AccountsLogin {

  private AccountsLogin() {}

  static Reply login(Api api, String email, String password) {
    return api.post(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        null);
  }

  static String token(Api api, String email, String password) {
    Reply login = login(api, email, password);
    assertEquals(200, login.status(), login::toString);
    return login.json().getString("token");
  }
}
