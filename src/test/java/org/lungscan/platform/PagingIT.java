package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;

/** Paged lists refuse a page or size out of bounds with a 400 naming it, never a 500. */
class PagingIT {

  private static Api api;
  private static Api.Doctor doctor;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Pager");
    api.newPatient(doctor, "Paged Patient");
  }

  @ParameterizedTest(name = "{0}?page={1}&size={2}")
  @CsvSource({
    "/api/patients, 2147483647, 200, page",
    "/api/lung-scans, 2147483647, 200, page",
    "/api/patients, 99999999999, 10, page",
    "/api/lung-scans, 0, 99999999999, size",
    "/api/patients, -1, 10, page",
    "/api/patients, 0, 201, size"
  })
  void outOfBoundsIsA400NamingTheField(String path, String page, String size, String field) {
    Reply reply = api.get(path + "?page=" + page + "&size=" + size, doctor.token());
    assertEquals(400, reply.status(), reply::toString);
    JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
    assertEquals(field, error.getString("field"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/patients", "/api/lung-scans"})
  void theLastPageAllowedIsSimplyEmpty(String path) {
    Reply reply = api.get(path + "?page=1000000&size=200", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(0, reply.array().size());
  }
}
