package org.lungscan.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Administrator;
import org.lungscan.testing.Api;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/**
 * Only the {@code admin} group reaches the console: a doctor gets 403 on every administrators' API
 * path and console page (a plain refusal page, not the login page or a stack trace), a visitor who
 * has not signed in goes to the login page, and only administrators see a link to the console.
 */
class ConsoleAccessIT {

  static final List<String> ADMIN_API =
      List.of(
          "/api/admin/analytics",
          "/api/admin/analytics?from=2026-11-01&to=2026-11-30",
          "/api/admin/audit",
          "/api/admin/audit?action=SIGN_IN",
          "/api/admin/audit?doctor_id=1&from=2026-11-01&to=2026-12-31",
          "/api/admin/audit/verify",
          "/api/admin/doctors",
          "/api/admin/readiness");

  static final List<String> CONSOLE_PAGES =
      List.of("/admin/accounts.xhtml", "/admin/analytics.xhtml", "/admin/audit.xhtml");

  @Test
  void aDoctorIsRefusedEveryAdministratorsPath() {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Not Admin");
    String admin = Administrator.token(api);
    for (String path : ADMIN_API) {
      assertEquals(403, api.get(path, doctor.token()).status(), path);
      if (path.startsWith("/api/admin/audit?")) {
        Api.Reply csv =
            api.send(api.request(path, doctor.token()).header("Accept", "text/csv").GET());
        assertEquals(403, csv.status(), path + " as CSV: " + csv);
      }
      assertEquals(401, api.get(path, null).status(), path);
      assertEquals(200, api.get(path, admin).status(), path);
    }
  }

  @Test
  void aDoctorOpeningTheConsoleGetsAPlainRefusal() {
    Api.Doctor doctor = Api.onSystemServer().newDoctor("Dr. Curious Pages");
    PageSession session = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    for (String page : CONSOLE_PAGES) {
      HttpResponse<String> refused = session.get(page);
      assertEquals(403, refused.statusCode(), page);
      assertTrue(refused.body().contains("administrators only"), refused.body());
      assertFalse(refused.body().contains("Exception"), refused.body());
      assertFalse(refused.body().contains("ViewState"), "no form of the page: " + refused.body());
    }
    assertEquals(403, session.get("/admin/audit.csv").statusCode(), "nor the trail's download");
    HttpResponse<String> post =
        session.post(
            "/admin/audit.xhtml",
            Map.of("jakarta.faces.ViewState", "stateless", "trail", "trail"),
            Map.of());
    assertEquals(403, post.statusCode(), "a page's action is refused too");
    HttpResponse<String> dashboard = session.get("/app/dashboard.xhtml");
    assertEquals(200, dashboard.statusCode());
    assertFalse(dashboard.body().contains("/admin/"), "no link to the console for doctors");
  }

  @Test
  void aVisitorIsSentToSignInAndAnAdministratorIsLetIn() {
    PageSession visitor = PageSession.anonymous(SystemServer.get());
    for (String page : CONSOLE_PAGES) {
      HttpResponse<String> sent = visitor.get(page);
      assertEquals(302, sent.statusCode(), page);
      assertTrue(sent.headers().firstValue("Location").orElse("").contains("/login.xhtml"), page);
    }
    PageSession admin =
        PageSession.signIn(
            SystemServer.get(), SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
    HttpResponse<String> dashboard = admin.get("/app/dashboard.xhtml");
    assertTrue(dashboard.body().contains("/admin/"), "the dashboard links to the console");
    for (String page : CONSOLE_PAGES) {
      HttpResponse<String> shown = admin.get(page);
      assertEquals(200, shown.statusCode(), page);
      assertTrue(shown.body().contains("<nav"), page + " is in the console's frame");
    }
    HttpResponse<String> csv = admin.get("/admin/audit.csv?action=SIGN_IN&from=2026-01-01");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertTrue(lines[0].startsWith("id,at,doctor_id,action"), lines[0]);
    assertTrue(lines.length > 1 && lines[1].contains(",SIGN_IN,"), csv.body());
    assertEquals(400, admin.get("/admin/audit.csv?action=NOPE").statusCode());
  }
}
