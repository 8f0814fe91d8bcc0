package org.lungscan.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.lungscan.testing.Api;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The administrator's console in a real Chromium, used as an administrator would use it. */
class ConsolePagesIT {

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
  }

  @AfterEach
  void closeBrowser(TestInfo test) {
    browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    List<String> blocked = browser.contentSecurityPolicyViolations();
    browser.close();
    assertEquals(List.of(), blocked, "the policy blocked part of a page");
  }

  @Test
  void anAdministratorApprovesAPendingDoctorWhoThenSignsIn() throws Exception {
    Api api = Api.onSystemServer();
    Api.Doctor doctor =
        api.newDoctor("Dr. Waiting " + UUID.randomUUID().toString().substring(0, 6));
    // the shared server signs up in the open mode: make this account wait as in the approval mode
    setStatus(doctor.id(), "PENDING");
    assertEquals(403, apiLogin(api, doctor).status(), "pending: refused");

    signInAsAdministrator();
    browser.follow("Administration");
    assertEquals("/admin/accounts.xhtml", browser.path());
    browser.waitForText("waiting for approval");
    showOnly(doctor.email());
    assertTrue(browser.textOf(By.id("accounts:table")).contains("Pending"));
    browser.press("Approve");
    browser.waitForText("Approved " + doctor.name() + ": they can log in now.");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> browser.textOf(By.id("accounts:table")).contains("Active"));
    topOfPage();
    browser.screenshot("admin-accounts");

    browser.press("Log out");
    signIn(browser, doctor.email(), doctor.password());
    assertEquals("/app/dashboard.xhtml", browser.path());
  }

  @Test
  void aDisabledDoctorsOpenDashboardEndsAtItsNextClick() throws Exception {
    Api.Doctor doctor =
        Api.onSystemServer()
            .newDoctor("Dr. Leaving " + UUID.randomUUID().toString().substring(0, 6));
    try (Browser doctors = new Browser(SystemServer.get())) {
      signIn(doctors, doctor.email(), doctor.password());
      signInAsAdministrator();
      browser.open("/admin/accounts.xhtml");
      showOnly(doctor.email());
      browser.press("Disable");
      browser.waitForText("Disabled " + doctor.name() + ": their sessions and tokens have ended.");
      // the contract lets a change take up to one second to reach every instance
      Thread.sleep(1500);
      doctors.press("Add patient");
      new WebDriverWait(doctors.driver(), Duration.ofSeconds(15))
          .until(d -> doctors.path().equals("/login.xhtml"));
      doctors.waitForText("Your session was ended");
      assertEquals(401, Api.onSystemServer().get("/api/patients", doctor.token()).status());
    }
  }

  @Test
  void theLastActiveAdministratorCannotBeDisabled() {
    Api api = Api.onSystemServer();
    String token = org.lungscan.testing.Administrator.token(api);
    long activeAdministrators =
        api.get("/api/admin/doctors?status=ACTIVE&size=200", token).array().stream()
            .map(jakarta.json.JsonValue::asJsonObject)
            .filter(a -> a.getString("role").equalsIgnoreCase("admin"))
            .count();
    Assumptions.assumeTrue(
        activeAdministrators == 1,
        "another test made a second administrator on the shared server, so disabling this one"
            + " would succeed and lock the other tests out");
    signInAsAdministrator();
    browser.open("/admin/accounts.xhtml");
    showOnly(SystemServer.ADMIN_EMAIL);
    browser.press("Disable");
    browser.waitForText("This is the last active administrator: make another one first.");
    assertTrue(browser.textOf(By.id("accounts:table")).contains("Active"));
  }

  @Test
  void aDoctorOpeningAConsoleAddressGetsAPlainRefusal() {
    Api.Doctor doctor = Api.onSystemServer().newDoctor("Dr. Wandering");
    signIn(doctor.email(), doctor.password());
    assertTrue(browser.driver().findElements(By.linkText("Administration")).isEmpty());
    browser.open("/admin/audit.xhtml");
    String page = browser.text();
    assertTrue(page.contains("Forbidden"), page);
    assertTrue(page.contains("for administrators only"), page);
    assertFalse(page.contains("Log in"), "not the login page: " + page);
    assertEquals("/admin/audit.xhtml", browser.path());
    browser.screenshot("admin-refused");
  }

  @Test
  void theAnalyticsShowTheFiguresOfAPeriodAsChartsWithTables() {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Busy Day");
    long patient = api.newPatient(doctor, "Charted Patient");
    for (String image : List.of("malignant_nodule-2.png", "normal-2.png", "benign_nodule-2.png")) {
      long scan = upload(api, doctor, patient, image);
      assertEquals(
          200, api.post("/api/predict", "{\"scan_id\":" + scan + "}", doctor.token()).status());
    }
    signInAsAdministrator();
    browser.follow("Administration");
    browser.open("/admin/analytics.xhtml");
    browser.waitForText("Hospital analytics");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    typeDate("From", today.minusDays(6).toString());
    typeDate("To", today.toString());
    browser.press("Show");
    browser.waitForText(today.minusDays(6) + " to " + today + " (UTC)");
    assertEquals(3, browser.driver().findElements(By.cssSelector("canvas")).size());
    for (WebElement chart : browser.driver().findElements(By.cssSelector("canvas"))) {
      assertFalse(chart.getAttribute("aria-label").isBlank(), "every chart is described");
    }
    String accounts = browser.textOf(By.id("doctorsTable"));
    assertTrue(accounts.matches("(?s).*Active \\d+.*Pending \\d+.*Disabled \\d+.*"), accounts);
    assertTrue(Long.parseLong(browser.textOf(By.id("patients"))) >= 1);
    browser.click(By.cssSelector("details summary"));
    assertEquals(7, browser.driver().findElements(By.cssSelector("#perDayTable tbody tr")).size());
    assertFalse(browser.text().contains("Charted Patient"), "no patient's name");
    assertFalse(browser.text().contains(doctor.email()), "no doctor's email");
    topOfPage();
    browser.screenshot("admin-analytics");
  }

  @Test
  void theAuditTrailIsFilteredPagedDownloadableAndChecked() {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Traced");
    long patient = api.newPatient(doctor, "Traced Patient");
    for (int i = 0; i < 3; i++) {
      api.get("/api/patients/" + patient, doctor.token());
    }
    signInAsAdministrator();
    browser.open("/admin/audit.xhtml");
    browser.waitForText("Events, newest first");
    browser.fill("Doctor id", Long.toString(doctor.id()));
    browser.press("Apply filters");
    String mine = " " + doctor.id() + " ";
    List<String> rows =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(
                d -> {
                  List<String> shown =
                      d.findElements(By.cssSelector("#events\\:table tbody tr")).stream()
                          .map(WebElement::getText)
                          .toList();
                  return shown.stream().allMatch(r -> r.contains(mine)) ? shown : null;
                });
    assertTrue(rows.size() >= 6, "sign-up, sign-in, create, three reads: " + rows);
    assertTrue(rows.stream().anyMatch(r -> r.contains("PATIENT_CREATE")), rows::toString);
    String csv = browser.driver().findElement(By.linkText("Download CSV")).getAttribute("href");
    assertTrue(csv.endsWith("/admin/audit.csv?doctor_id=" + doctor.id()), csv);

    new Select(browser.field("Action")).selectByVisibleText("PATIENT_READ");
    browser.press("Apply filters");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              List<String> shown =
                  d.findElements(By.cssSelector("#events\\:table tbody tr")).stream()
                      .map(WebElement::getText)
                      .toList();
              return shown.size() == 3
                  && shown.stream().allMatch(r -> r.contains(mine) && r.contains("PATIENT_READ"))
                  && browser
                      .driver()
                      .findElement(By.linkText("Download CSV"))
                      .getAttribute("href")
                      .endsWith("doctor_id=" + doctor.id() + "&action=PATIENT_READ");
            });
    browser.press("Check the chain");
    browser.waitForText("Intact:");
    topOfPage();
    browser.screenshot("admin-audit");

    browser.fill("Doctor id", "someone");
    browser.press("Apply filters");
    browser.waitForText("must be a positive whole number");
  }

  private void topOfPage() {
    ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("window.scrollTo(0, 0)");
  }

  private static long upload(Api api, Api.Doctor doctor, long patient, String image) {
    try {
      Api.Reply uploaded =
          api.upload(
              patient,
              image,
              "image/png",
              java.nio.file.Files.readAllBytes(java.nio.file.Path.of("models", "reference", image)),
              doctor.token());
      assertEquals(201, uploaded.status(), uploaded::toString);
      return uploaded.json().getJsonNumber("id").longValue();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Replaces a date field's text, as a person selecting it all and typing would. */
  private void typeDate(String label, String day) {
    WebElement field = browser.field(label);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(day, Keys.TAB);
  }

  /** Searches the accounts table for one account and waits until only it is shown. */
  private void showOnly(String email) {
    browser.fill("Search accounts", email);
    browser.press("Find");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> rows = d.findElements(By.cssSelector("#accounts\\:table tbody tr"));
              return rows.size() == 1 && rows.get(0).getText().contains(email);
            });
  }

  private static void setStatus(long doctorId, String status) throws Exception {
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s = c.prepareStatement("UPDATE doctor SET status = ? WHERE id = ?")) {
      s.setString(1, status);
      s.setLong(2, doctorId);
      assertEquals(1, s.executeUpdate());
    }
  }

  private static Api.Reply apiLogin(Api api, Api.Doctor doctor) {
    return api.post(
        "/api/auth/login",
        "{\"email\":\"" + doctor.email() + "\",\"password\":\"" + doctor.password() + "\"}",
        null);
  }

  private void signInAsAdministrator() {
    signIn(SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
  }

  private void signIn(String email, String password) {
    signIn(browser, email, password);
  }

  private static void signIn(Browser in, String email, String password) {
    in.open("/login.xhtml");
    in.fill("Email", email);
    in.fill("Password", password);
    in.press("Log in");
    in.waitForText("Hello,");
  }
}
