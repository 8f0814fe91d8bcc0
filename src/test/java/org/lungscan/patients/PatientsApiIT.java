package org.lungscan.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/** The patients part of the API contract on the real WAR and MariaDB. */
class PatientsApiIT {

  private static Api api;
  private static Api.Doctor doctor;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Patients");
  }

  @Test
  void aPatientsWholeLifeCycle() {
    Reply created =
        api.post(
            "/api/patients",
            "{\"name\":\" Ada Byron \",\"age\":\"36\",\"gender\":\"female\"}",
            doctor.token());
    assertEquals(201, created.status(), created::toString);
    JsonObject patient = created.json();
    long id = patient.getJsonNumber("id").longValue();
    assertTrue(
        created.header("Location").endsWith("/api/patients/" + id), created.header("Location"));
    assertEquals("Ada Byron", patient.getString("name"));
    assertEquals(36, patient.getInt("age"));
    assertEquals("FEMALE", patient.getString("gender"));
    assertEquals(0, patient.getInt("scan_count"));
    assertTrue(patient.getString("created_at").endsWith("Z"));

    Reply read = api.get("/api/patients/" + id, doctor.token());
    assertEquals(200, read.status());
    assertEquals("Ada Byron", read.json().getString("name"));

    Reply updated =
        api.put(
            "/api/patients/" + id,
            "{\"name\":\"Ada Lovelace\",\"age\":37,\"gender\":\"Other\"}",
            doctor.token());
    assertEquals(200, updated.status(), updated::toString);
    assertEquals("Ada Lovelace", updated.json().getString("name"));
    assertEquals(37, updated.json().getInt("age"));
    assertEquals("OTHER", updated.json().getString("gender"));
    assertTrue(
        updated.json().getString("updated_at").compareTo(updated.json().getString("created_at"))
            > 0);

    assertEquals(204, api.delete("/api/patients/" + id, doctor.token()).status());
    assertEquals(404, api.get("/api/patients/" + id, doctor.token()).status());
    assertEquals(404, api.delete("/api/patients/" + id, doctor.token()).status());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no name|{\"age\":30,\"gender\":\"MALE\"}|name",
        "empty name|{\"name\":\"  \",\"age\":30,\"gender\":\"MALE\"}|name",
        "name of 101 characters|{\"name\":\"" + "n" + "\",\"age\":30,\"gender\":\"MALE\"}|name",
        "no age|{\"name\":\"X\",\"gender\":\"MALE\"}|age",
        "negative age|{\"name\":\"X\",\"age\":-1,\"gender\":\"MALE\"}|age",
        "age 131|{\"name\":\"X\",\"age\":131,\"gender\":\"MALE\"}|age",
        "fractional age|{\"name\":\"X\",\"age\":30.5,\"gender\":\"MALE\"}|age",
        "age in words|{\"name\":\"X\",\"age\":\"thirty\",\"gender\":\"MALE\"}|age",
        "age as boolean|{\"name\":\"X\",\"age\":true,\"gender\":\"MALE\"}|age",
        "no gender|{\"name\":\"X\",\"age\":30}|gender",
        "unknown gender|{\"name\":\"X\",\"age\":30,\"gender\":\"robot\"}|gender"
      })
  void eachBrokenRuleIsA400NamingTheField(String why, String body, String field) {
    String json =
        why.equals("name of 101 characters")
            ? body.replace("\"n\"", "\"" + "n".repeat(101) + "\"")
            : body;
    Reply reply = api.post("/api/patients", json, doctor.token());
    assertEquals(400, reply.status(), reply::toString);
    assertTrue(
        reply.json().getJsonArray("errors").stream()
            .map(JsonObject.class::cast)
            .anyMatch(e -> e.getString("field").equals(field)),
        reply::toString);
    assertEquals(
        400,
        api.put("/api/patients/" + api.newPatient(doctor, "Valid"), json, doctor.token()).status());
  }

  @Test
  void theListIsByNameFilteredWithoutRegardToCaseAndPaged() {
    Api.Doctor own = api.newDoctor("Dr. Lister");
    for (String name :
        List.of("Zoe Quinn", "adam smith", "Bella Adams", "Carl Adamson", "Dora Mills")) {
      api.newPatient(own, name);
    }
    Reply all = api.get("/api/patients", own.token());
    assertEquals(200, all.status());
    assertEquals("5", all.header("X-Total-Count"));
    assertEquals(
        List.of("adam smith", "Bella Adams", "Carl Adamson", "Dora Mills", "Zoe Quinn"),
        names(all));

    Reply filtered = api.get("/api/patients?query=ADAM", own.token());
    assertEquals("3", filtered.header("X-Total-Count"));
    assertEquals(List.of("adam smith", "Bella Adams", "Carl Adamson"), names(filtered));

    Reply page = api.get("/api/patients?query=adam&page=1&size=2", own.token());
    assertEquals("3", page.header("X-Total-Count"));
    assertEquals(List.of("Carl Adamson"), names(page));

    assertEquals(
        List.of(),
        names(api.get("/api/patients?query=%25", own.token())),
        "% is a character, not a wildcard");
    assertEquals(400, api.get("/api/patients?size=0", own.token()).status());
    assertEquals(400, api.get("/api/patients?size=201", own.token()).status());
    assertEquals(400, api.get("/api/patients?page=-1", own.token()).status());
    assertEquals(400, api.get("/api/patients?page=first", own.token()).status());
  }

  @Test
  void withoutATokenThereAreNoPatients() {
    assertEquals(401, api.get("/api/patients", null).status());
    assertEquals(
        401,
        api.post("/api/patients", "{\"name\":\"X\",\"age\":1,\"gender\":\"MALE\"}", null).status());
  }

  private static List<String> names(Reply reply) {
    return reply.array().stream()
        .map(JsonObject.class::cast)
        .map(p -> p.getString("name"))
        .toList();
  }
}
