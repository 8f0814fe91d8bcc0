package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.SystemServer;

/**
 * Readiness for load balancers and anyone else: the checks' names and states, nothing about what is
 * behind them. The details (database product, why the model did not load) are for administrators,
 * at {@code GET /api/admin/readiness}.
 */
class ReadinessIT {

  private static Api api;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
  }

  @Test
  void anyoneLearnsOnlyTheChecksNamesAndStates() {
    Reply ready = api.get("/health/ready", null);
    assertEquals(200, ready.status(), ready::toString);
    Map<String, String> states =
        ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .peek(ReadinessIT::hasNoDetails)
            .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    assertEquals(
        Map.of("model", "UP", "storage", "UP", "database", "UP", "application", "UP"), states);
    for (String detail : new String[] {"MySQL", "MariaDB", "product", "detail", "lungscan-demo"}) {
      assertFalse(ready.body().contains(detail), detail + " in " + ready.body());
    }
  }

  @Test
  void administratorsSeeTheDetails() {
    Reply details = api.get("/api/admin/readiness", administratorToken());
    assertEquals(200, details.status(), details::toString);
    assertEquals("UP", details.json().getString("status"));
    Map<String, JsonObject> checks =
        details.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    assertEquals(Set.of("model", "storage", "database", "application"), checks.keySet());
    assertEquals("MySQL", checks.get("database").getJsonObject("data").getString("product"));
    assertEquals("lungscan-demo", checks.get("model").getJsonObject("data").getString("name"));
    assertTrue(checks.get("model").getJsonObject("data").containsKey("detail"));
  }

  @Test
  void doctorsAndStrangersAreNotTold() {
    Api.Doctor doctor = api.newDoctor("Dr. Curious");
    assertEquals(403, api.get("/api/admin/readiness", doctor.token()).status());
    assertEquals(401, api.get("/api/admin/readiness", null).status());
  }

  private static void hasNoDetails(JsonObject check) {
    JsonValue data = check.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, data, check.toString());
  }

  private static String administratorToken() {
    Reply login =
        api.post(
            "/api/auth/login",
            Api.json(
                Json.createObjectBuilder()
                    .add("email", SystemServer.ADMIN_EMAIL)
                    .add("password", SystemServer.ADMIN_PASSWORD)),
            null);
    assertEquals(200, login.status(), login::toString);
    return login.json().getString("token");
  }
}
