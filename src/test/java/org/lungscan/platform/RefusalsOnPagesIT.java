package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.lungscan.testing.Api;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A refused action on the pages, answered by the one Faces exception handler: the message lands
 * beside its field or at the top, and the doctor stays on the page. In a real headless Chromium.
 */
class RefusalsOnPagesIT {

  private static final By CONFIRMATION = By.cssSelector(".ui-confirm-dialog");
  private static Api api;
  private Browser browser;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
  }

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
  }

  @AfterEach
  void closeBrowser(TestInfo test) {
    browser.screenshot("refusals-" + test.getTestMethod().orElseThrow().getName());
    browser.close();
  }

  @Test
  void aTakenEmailIsSaidBesideTheEmailField() {
    Api.Doctor first = api.newDoctor("Dr. First Comer");
    browser.open("/signup.xhtml");
    browser.fill("Name", "Dr. Second Comer");
    browser.fill("Email", first.email().toUpperCase(Locale.ROOT));
    browser.fill("Password", "A long enough passphrase 9");
    browser.press("Sign up");
    browser.waitForText("An account with this email already exists.");
    assertEquals("An account with this email already exists.", messageBeside("email"));
    assertEquals("", messageBeside("name"));
    assertEquals("/signup.xhtml", browser.path(), "the doctor stays on the form");
  }

  @Test
  void brokenRulesOfASignUpAreSaidBesideTheirFields() {
    browser.open("/signup.xhtml");
    browser.fill("Email", "someone@hospital"); // the browser's own check lets this through
    browser.fill("Password", "password1234");
    browser.press("Sign up");
    browser.waitForText("Name must be 1 to 100 characters.");
    assertEquals("Email must be a valid email address.", messageBeside("email"));
    assertEquals(
        "Password is too common; choose one that is harder to guess.", messageBeside("password"));
  }

  @Test
  void deletingAPatientAlreadyDeletedElsewhereSaysSo() {
    Api.Doctor doctor = api.newDoctor("Dr. Twice");
    long patient = api.newPatient(doctor, "Gone Already");
    browser.open("/login.xhtml");
    browser.fill("Email", doctor.email());
    browser.fill("Password", doctor.password());
    browser.press("Log in");
    browser.waitForText("Gone Already");
    browser.click(By.xpath("//td[normalize-space(.)='Gone Already']"));
    browser.waitForText("Scans, newest first");

    assertEquals(204, api.delete("/api/patients/" + patient, doctor.token()).status());
    browser.press("Delete");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(d -> "1".equals(d.findElement(CONFIRMATION).getCssValue("opacity")));
    browser.click(By.cssSelector(".ui-confirmdialog-yes"));
    browser.waitForText("That patient no longer exists.");
    assertEquals("/app/dashboard.xhtml", browser.path());
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(d -> !d.findElement(CONFIRMATION).isDisplayed());
  }

  private String messageBeside(String field) {
    return browser.textOf(
        By.xpath(
            "//input[@id='signup:"
                + field
                + "']/ancestor::div[contains(@class,'ls-field')]"
                + "//div[contains(@class,'ui-message')]"));
  }
}
