package org.lungscan.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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

    typeDate("From", today.toString());
    typeDate("To", today.minusDays(1).toString());
    browser.press("Show");
    browser.waitForText("must not be after to");
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
            d ->
                d.findElements(By.cssSelector("#events\\:table tbody tr")).stream()
                        .map(WebElement::getText)
                        .filter(r -> r.contains(mine) && r.contains("PATIENT_READ"))
                        .count()
                    == 3);
    assertTrue(
        browser
            .driver()
            .findElement(By.linkText("Download CSV"))
            .getAttribute("href")
            .endsWith("doctor_id=" + doctor.id() + "&action=PATIENT_READ"));
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

  private void signInAsAdministrator() {
    signIn(SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
  }

  private void signIn(String email, String password) {
    browser.open("/login.xhtml");
    browser.fill("Email", email);
    browser.fill("Password", password);
    browser.press("Log in");
    browser.waitForText("Hello,");
  }
}
