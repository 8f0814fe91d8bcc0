package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.Cookie;

/** Signing up, in and out on the pages, and the idle timeout, in a real headless Chromium. */
class SessionPagesIT {

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
  }

  @AfterEach
  void closeBrowser() {
    List<String> blocked = browser.contentSecurityPolicyViolations();
    browser.close();
    assertEquals(List.of(), blocked, "the policy blocked part of a page");
  }

  @Test
  void signUpLogOutLogInWithANewSessionIdAndSafeCookies() {
    browser.open("/");
    assertEquals("/login.xhtml", browser.path(), "a signed-out visitor lands on the login page");
    browser.follow("Sign up");

    String email = "page." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test";
    String password = "Pages are for people 7";
    browser.fill("Name", "Dr. Page Tester");
    browser.fill("Email", email);
    browser.fill("Password", password);
    browser.screenshot("accounts-01-signup");
    browser.press("Sign up");
    browser.waitForText("Dr. Page Tester");
    assertEquals("/app/dashboard.xhtml", browser.path());
    browser.screenshot("accounts-02-dashboard-after-signup");

    browser.press("Log out");
    browser.waitForText("You have logged out.");
    browser.screenshot("accounts-03-logged-out");
    browser.open("/app/dashboard.xhtml");
    assertEquals(
        "/login.xhtml", browser.path(), "after logging out the dashboard needs a login again");

    // The login form keeps its view state on the server, so showing it opened a session: the id a
    // planted cookie would carry into the sign-in.
    Cookie before = browser.driver().manage().getCookieNamed("LUNGSCAN_SESSION");
    assertNotNull(before, "the login page opened a session before sign-in");
    browser.fill("Email", email);
    browser.fill("Password", password);
    browser.press("Log in");
    browser.waitForText("Dr. Page Tester");
    Cookie after = browser.driver().manage().getCookieNamed("LUNGSCAN_SESSION");
    assertNotNull(after);
    assertNotEquals(before.getValue(), after.getValue(), "the session id changes at login");
    assertTrue(after.isHttpOnly(), "the session cookie is HttpOnly");
    assertEquals("Strict", after.getSameSite());
  }

  @Test
  void aWrongPasswordIsRefusedWithAMessageOnThePage() {
    browser.open("/login.xhtml");
    browser.fill("Email", "nobody." + UUID.randomUUID() + "@hospital.test");
    browser.fill("Password", "Not the right passphrase");
    browser.press("Log in");
    browser.waitForText("The email or password is not correct.");
    assertEquals("/login.xhtml", browser.path());
    browser.screenshot("accounts-04-wrong-password");
  }

  @Test
  void anIdleSessionEndsAndTheDoctorIsToldWhy() throws Exception {
    browser.open("/signup.xhtml");
    browser.fill("Name", "Dr. Idle");
    browser.fill(
        "Email", "idle." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test");
    browser.fill("Password", "Idle hands idle minds 3");
    browser.press("Sign up");
    browser.waitForText("Dr. Idle");

    Thread.sleep((SystemServer.IDLE_TIMEOUT_SECONDS + 5) * 1000L);
    browser.open("/app/dashboard.xhtml");
    assertEquals("/login.xhtml", browser.path());
    browser.waitForText("Your session expired");
    browser.screenshot("accounts-05-session-expired");
  }
}
