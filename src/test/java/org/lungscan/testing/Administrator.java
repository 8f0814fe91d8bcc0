package org.lungscan.testing;

import jakarta.json.Json;

/** The system server's configured administrator, signed in on the API. */
public final class Administrator {

  private Administrator() {}

  /** A fresh token of the administrator's. */
  public static String token(Api api) {
    Api.Reply login =
        api.post(
            "/api/auth/login",
            Api.json(
                Json.createObjectBuilder()
                    .add("email", SystemServer.ADMIN_EMAIL)
                    .add("password", SystemServer.ADMIN_PASSWORD)),
            null);
    if (login.status() != 200) {
      throw new IllegalStateException("the administrator cannot sign in: " + login);
    }
    return login.json().getString("token");
  }
}
