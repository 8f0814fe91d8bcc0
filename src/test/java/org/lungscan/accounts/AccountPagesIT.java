package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.Browser;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The doctor's own account on the pages, in a real headless Chromium, found by labels. */
class AccountPagesIT {

  private static Api api;
  private static String admin;
  private Browser browser;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    admin = AccountsLogin.token(api, SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
  }

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
  void aDoctorSetsUpTwoFactorSignInAndMustGiveACodeAtTheNextSignIn() {
    Api.Doctor doctor = api.newDoctor("Dr. Two Factor");
    logIn(doctor.email(), doctor.password());
    browser.follow("My account");
    browser.waitForText("Two-factor sign-in is off");
    browser.press("Set up two-factor sign-in");
    browser.waitForText("Scan this QR code");
    WebElement qr = browser.driver().findElement(By.id("qrCode"));
    assertTrue(qr.getAttribute("alt").contains("QR code"), qr.getAttribute("alt"));
    assertTrue(qr.getSize().getWidth() > 100, "the QR code is drawn large enough to scan");
    ((JavascriptExecutor) browser.driver())
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", qr);
    browser.screenshot("accounts-two-factor-setup");
    byte[] secret = Totp.fromBase32(browser.textOf(By.id("secret")));
    assertEquals(20, secret.length, "the secret is shown as text");

    long step = waitClearOfAStepBoundary();
    browser.fill("Code shown by the app", Totp.code(secret, step));
    browser.press("Turn on");
    browser.waitForText("Two-factor sign-in is on. The next sign-in asks for a code.");
    browser.screenshot("accounts-two-factor-on");

    Reply withoutCode = AccountsLogin.login(api, doctor.email(), doctor.password());
    assertEquals(401, withoutCode.status(), withoutCode::toString);
    assertTrue(withoutCode.json().getBoolean("mfa_required"));

    browser.press("Log out");
    browser.waitForText("You have logged out.");
    browser.fill("Email", doctor.email());
    browser.fill("Password", doctor.password());
    browser.press("Log in");
    browser.waitForText("Your account has two-factor sign-in");
    browser.screenshot("accounts-two-factor-sign-in");
    browser.fill("Two-factor code", Totp.code(secret, step));
    browser.press("Verify code");
    browser.waitForText("The code is not correct, or was used already.");
    browser.fill(
        "Two-factor code", Totp.code(secret, Math.max(step + 1, Totp.stepAt(Instant.now()))));
    browser.press("Verify code");
    browser.waitForText("Dr. Two Factor");
    assertEquals("/app/dashboard.xhtml", browser.path());
  }

  @Test
  void aDisabledDoctorsOpenDashboardEndsAtItsNextClick() {
    Api.Doctor doctor = api.newDoctor("Dr. Switched Off");
    logIn(doctor.email(), doctor.password());
    assertEquals(
        200, api.post("/api/admin/doctors/" + doctor.id() + "/disable", "", admin).status());
    browser.press("Add patient");
    browser.waitForText("Your session was ended");
    assertEquals("/login.xhtml", browser.path());
    browser.screenshot("accounts-session-ended");
    browser.fill("Email", doctor.email());
    browser.fill("Password", doctor.password());
    browser.press("Log in");
    browser.waitForText("Your account is disabled");
  }

  @Test
  void aPasswordChangedOnThePageEndsTheOtherSessionsButNotThisOne() {
    Api.Doctor doctor = api.newDoctor("Dr. Page Password");
    PageSession elsewhere =
        PageSession.signIn(SystemServer.get(), doctor.email(), doctor.password());
    logIn(doctor.email(), doctor.password());
    browser.follow("My account");
    browser.fill("Current password", "not the password at all");
    browser.fill("New password", "A new passphrase for pages 9");
    browser.press("Change password");
    browser.waitForText("Current password is not correct.");
    browser.fill("Current password", doctor.password());
    browser.fill("New password", "A new passphrase for pages 9");
    browser.press("Change password");
    browser.waitForText("Your password was changed.");
    browser.screenshot("accounts-my-account");
    browser.follow("Dashboard");
    browser.waitForText("Dr. Page Password");
    assertEquals("/app/dashboard.xhtml", browser.path(), "this session carries on");
    assertEquals(302, elsewhere.get("/app/dashboard.xhtml").statusCode(), "the other one ended");
    assertEquals(401, api.get("/api/patients", doctor.token()).status(), "and every token");
  }

  @Test
  void aResetPasswordIsChangedBeforeAnythingElse() {
    Api.Doctor doctor = api.newDoctor("Dr. Reset Pages");
    Reply reset = api.post("/api/admin/doctors/" + doctor.id() + "/password-reset", "", admin);
    String temporary = reset.json().getString("temporary_password");
    logIn(doctor.email(), temporary);
    browser.waitForText("An administrator reset your password.");
    assertEquals("/app/account.xhtml", browser.path());
    browser.open("/app/dashboard.xhtml");
    assertEquals("/app/account.xhtml", browser.path(), "no way round it");
    browser.fill("Current password", temporary);
    browser.fill("New password", "My own passphrase after a reset");
    browser.press("Change password");
    browser.waitForText("Dr. Reset Pages");
    assertEquals("/app/dashboard.xhtml", browser.path());
  }

  private void logIn(String email, String password) {
    browser.open("/login.xhtml");
    browser.fill("Email", email);
    browser.fill("Password", password);
    browser.press("Log in");
    browser.waitForText("Log out");
  }

  /** The current step, once at least five seconds remain in it. */
  static long waitClearOfAStepBoundary() {
    while (Instant.now().getEpochSecond() % Totp.STEP_SECONDS > Totp.STEP_SECONDS - 5) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Totp.stepAt(Instant.now());
  }
}
