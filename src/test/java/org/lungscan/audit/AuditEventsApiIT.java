package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Administrator;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/** {@code GET /api/admin/audit}: filters by doctor, action and days, paging, CSV, refusals. */
class AuditEventsApiIT {

  private static Api api;
  private static String admin;
  private static Api.Doctor doctor;
  private static long patient;

  @BeforeAll
  static void someonesDay() {
    api = Api.onSystemServer();
    admin = Administrator.token(api);
    doctor = api.newDoctor("Dr. Audited Day");
    patient = api.newPatient(doctor, "Listed In The Trail");
    api.get("/api/patients/" + patient, doctor.token());
    api.get("/api/patients/" + patient, doctor.token());
    api.get("/api/patients", doctor.token());
  }

  @Test
  void aDoctorsEventsNewestFirstWithTheirTotal() {
    Reply all = api.get("/api/admin/audit?doctor_id=" + doctor.id(), admin);
    assertEquals(200, all.status(), all::toString);
    List<JsonObject> events = all.array().getValuesAs(JsonObject.class);
    assertEquals(Long.parseLong(all.header("X-Total-Count")), events.size());
    assertTrue(events.size() >= 5, all::toString);
    for (JsonObject event : events) {
      assertEquals(doctor.id(), event.getJsonNumber("doctor_id").longValue(), event::toString);
      assertTrue(event.getString("at").endsWith("Z"), event::toString);
    }
    for (int i = 1; i < events.size(); i++) {
      assertTrue(id(events.get(i - 1)) > id(events.get(i)), "newest first: " + events);
    }
    List<String> actions = events.stream().map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("PATIENT_CREATE", "PATIENT_READ", "PATIENT_LIST")));
    JsonObject create =
        events.stream()
            .filter(e -> e.getString("action").equals("PATIENT_CREATE"))
            .findFirst()
            .get();
    assertEquals("patient", create.getString("resource_type"));
    assertEquals(Long.toString(patient), create.getString("resource_id"));
    assertEquals("SUCCESS", create.getString("outcome"));
    assertTrue(create.containsKey("client_address"));
    assertTrue(
        !create.containsKey("detail") && !create.containsKey("chain_hash"), create::toString);
  }

  @Test
  void filtersByActionAndDaysAndPages() {
    String mine = "/api/admin/audit?doctor_id=" + doctor.id();
    Reply reads = api.get(mine + "&action=PATIENT_READ", admin);
    assertEquals(200, reads.status(), reads::toString);
    assertEquals("2", reads.header("X-Total-Count"));
    reads
        .array()
        .getValuesAs(JsonObject.class)
        .forEach(e -> assertEquals("PATIENT_READ", e.getString("action")));

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    long total = Long.parseLong(api.get(mine, admin).header("X-Total-Count"));
    assertEquals(
        total + "",
        api.get(mine + "&from=" + today + "&to=" + today, admin).header("X-Total-Count"));
    assertEquals("0", api.get(mine + "&from=" + tomorrow, admin).header("X-Total-Count"));
    assertEquals("0", api.get(mine + "&to=" + yesterday, admin).header("X-Total-Count"));

    Reply first = api.get(mine + "&size=1&page=0", admin);
    Reply second = api.get(mine + "&size=1&page=1", admin);
    assertEquals(1, first.array().size());
    assertEquals(1, second.array().size());
    assertEquals(total + "", second.header("X-Total-Count"));
    assertTrue(id(first.array().getJsonObject(0)) > id(second.array().getJsonObject(0)));
  }

  @Test
  void theFilteredRowsAsCsvEveryPageAndTheExportIsAudited() {
    String mine = "/api/admin/audit?doctor_id=" + doctor.id();
    Reply json = api.get(mine, admin);
    Reply csv = api.send(api.request(mine + "&size=1", admin).header("Accept", "text/csv").GET());
    assertEquals(200, csv.status(), csv::toString);
    assertEquals("text/csv", csv.header("Content-Type").split(";")[0]);
    assertTrue(csv.header("Content-Disposition").startsWith("attachment"));
    List<String> lines = Arrays.asList(csv.body().split("\r\n"));
    assertEquals(
        "id,at,doctor_id,action,resource_type,resource_id,outcome,client_address", lines.get(0));
    assertEquals(
        json.array().size(), lines.size() - 1, "every filtered row, whatever the page size");
    JsonObject newest = json.array().getJsonObject(0);
    assertTrue(
        lines
            .get(1)
            .startsWith(id(newest) + "," + newest.getString("at") + "," + doctor.id() + ","),
        lines.get(1));

    Reply exports = api.get("/api/admin/audit?action=AUDIT_EXPORT&size=1", admin);
    JsonObject export = exports.array().getJsonObject(0);
    assertNotEquals(doctor.id(), export.getJsonNumber("doctor_id").longValue());
    assertEquals("audit_event", export.getString("resource_type"));
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    for (String[] bad :
        List.of(
            new String[] {"action=NOT_AN_ACTION", "action"},
            new String[] {"doctor_id=abc", "doctor_id"},
            new String[] {"doctor_id=0", "doctor_id"},
            new String[] {"from=2026-02-30", "from"},
            new String[] {"from=2026-11-30&to=2026-11-01", "from"},
            new String[] {"size=0", "size"},
            new String[] {"page=-1", "page"})) {
      for (String accept : List.of("application/json", "text/csv")) {
        Reply refused =
            api.send(
                api.request("/api/admin/audit?" + bad[0], admin).header("Accept", accept).GET());
        if (accept.equals("text/csv") && bad[1].matches("size|page")) {
          continue;
        }
        assertEquals(400, refused.status(), bad[0] + " " + accept + ": " + refused);
        assertEquals("application/problem+json", refused.header("Content-Type").split(";")[0]);
        assertEquals(
            bad[1], refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
      }
    }
    String sneaky = URLEncoder.encode("SIGN_IN' OR '1'='1", StandardCharsets.UTF_8);
    assertEquals(400, api.get("/api/admin/audit?action=" + sneaky, admin).status());
  }

  private static long id(JsonObject event) {
    return event.getJsonNumber("id").longValue();
  }
}
