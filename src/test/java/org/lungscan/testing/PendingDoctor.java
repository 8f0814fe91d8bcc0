package org.lungscan.testing;

import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A doctor who signed up and waits for approval, on the shared system server. That server runs in
 * open sign-up mode (so every test may sign doctors up freely), where a new account is active at
 * once; this puts the account back to PENDING in the database, as approval mode would have left it.
 */
public final class PendingDoctor {

  private PendingDoctor() {}

  /** Signs up a doctor who is then pending; returns their id, email and password (no token). */
  public static Api.Doctor signUp(Api api, String name) {
    String email =
        name.toLowerCase().replaceAll("[^a-z]", "")
            + "."
            + UUID.randomUUID().toString().substring(0, 8)
            + "@hospital.test";
    String password = "Pending passphrase " + UUID.randomUUID().toString().substring(0, 6);
    Api.Reply signup =
        api.post(
            "/api/auth/signup",
            Api.json(
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("email", email)
                    .add("password", password)),
            null);
    if (signup.status() != 201) {
      throw new IllegalStateException("signup failed: " + signup);
    }
    long id = signup.json().getJsonNumber("id").longValue();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement("UPDATE doctor SET status = 'PENDING' WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new Api.Doctor(id, name, email, password, null);
  }
}
