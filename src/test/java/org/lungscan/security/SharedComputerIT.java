package org.lungscan.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.scans.images.TestImages;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/**
 * A ward computer that many doctors share: after one logs out, Back and the browser's cache must
 * show nothing of their patients. Pages and images are never stored; logging out tells the browser
 * to forget the site's cache, cookies and storage. The session cookie is Secure, and the server
 * asks for HTTPS from then on, only when the request came over TLS (the system server's listener
 * believes {@code X-Forwarded-Proto}, as behind a hospital's TLS proxy).
 */
class SharedComputerIT {

  private static Api api;
  private static Api.Doctor doctor;
  private static long scan;

  @BeforeAll
  static void aDoctorWithAScan() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Ward");
    long patient = api.newPatient(doctor, "Ward Patient");
    scan =
        api.upload(
                patient,
                "ward.png",
                "image/png",
                TestImages.png(TestImages.grey(80, 80)),
                doctor.token())
            .json()
            .getJsonNumber("id")
            .longValue();
  }

  @Test
  void pagesAndImagesWithPatientDataAreNeverStored() {
    PageSession pages = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    for (String path :
        List.of(
            "/app/dashboard.xhtml",
            "/app/scan-images/" + scan,
            "/app/scan-images/" + scan + "/thumbnail")) {
      HttpResponse<String> response = pages.get(path);
      assertEquals(200, response.statusCode(), path);
      assertEquals("no-store", cacheControl(response), path);
    }
    for (String path : List.of("/login.xhtml", "/signup.xhtml")) {
      assertEquals("no-store", cacheControl(pages.get(path)), path);
    }
    for (String path :
        List.of(
            "/api/lung-scans/" + scan,
            "/api/lung-scans/" + scan + "/image",
            "/api/lung-scans/" + scan + "/thumbnail",
            "/api/patients")) {
      Reply reply = api.get(path, doctor.token());
      assertEquals(200, reply.status(), path);
      assertEquals("no-store", reply.header("Cache-Control"), path);
    }
  }

  @Test
  void theStylesAndScriptsOfThePagesMayBeCached() {
    HttpResponse<String> login = PageSession.anonymous(SystemServer.get()).get("/login.xhtml");
    String stylesheet =
        login.body().replaceAll("(?s).*href=\"([^\"]*jakarta\\.faces\\.resource[^\"]*)\".*", "$1");
    Reply css = api.get(stylesheet.replace("&amp;", "&"), null);
    assertEquals(200, css.status(), stylesheet);
    assertFalse("no-store".equals(css.header("Cache-Control")), css.header("Cache-Control"));
  }

  @Test
  void loggingOutOnThePageClearsTheBrowsersDataForTheSite() {
    PageSession pages = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    HttpResponse<String> loggedOut = pages.logOut();
    assertEquals(302, loggedOut.statusCode());
    assertTrue(loggedOut.headers().firstValue("Location").orElse("").contains("/login.xhtml"));
    assertEquals(
        "\"cache\", \"cookies\", \"storage\"",
        loggedOut.headers().firstValue("Clear-Site-Data").orElse(null));
    assertEquals(302, pages.get("/app/dashboard.xhtml").statusCode(), "the session is over");
  }

  @Test
  void overPlainHttpTheCookieIsNotSecureAndNoHttpsIsDemanded() {
    PageSession pages = PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    String cookie = sessionCookie(pages.loginAnswer());
    assertTrue(cookie.startsWith(PageSession.COOKIE + "="), cookie);
    assertFalse(cookie.toLowerCase().contains("secure"), cookie);
    assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
    for (HttpResponse<String> response :
        List.of(
            pages.loginAnswer(), pages.get("/app/dashboard.xhtml"), pages.get("/login.xhtml"))) {
      assertNull(
          response.headers().firstValue("Strict-Transport-Security").orElse(null),
          response.uri().toString());
    }
    assertNull(api.get("/api/patients", doctor.token()).header("Strict-Transport-Security"));
  }

  @Test
  void behindTlsTheCookieIsSecureAndHttpsIsDemanded() {
    Map<String, String> tls = Map.of("X-Forwarded-Proto", "https");
    PageSession pages =
        PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password(), tls);
    String cookie = sessionCookie(pages.loginAnswer());
    assertTrue(cookie.toLowerCase().contains("secure"), cookie);
    assertEquals(
        "max-age=31536000",
        pages.loginAnswer().headers().firstValue("Strict-Transport-Security").orElse(null));
    Reply apiOverTls =
        api.send(api.request("/api/patients", doctor.token()).header("X-Forwarded-Proto", "https"));
    assertEquals("max-age=31536000", apiOverTls.header("Strict-Transport-Security"));
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.contains(PageSession.COOKIE + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }

  private static String cacheControl(HttpResponse<String> response) {
    return response.headers().firstValue("Cache-Control").orElse(null);
  }
}
