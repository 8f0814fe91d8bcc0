package org.lungscan.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.1 AA beyond what axe-core can see on a still page (axe itself runs on every page and
 * dialog through {@link Browser}): keyboard focus is visible, a dialog keeps the focus while open
 * and gives it back when closed, and a scan's picture says whose it is and when it was taken.
 */
class AccessibilityPagesIT {

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
  }

  @AfterEach
  void closeBrowser(TestInfo test) {
    browser.screenshot("a11y-last-" + test.getTestMethod().orElseThrow().getName());
    browser.close();
  }

  @Test
  void theKeyboardFocusIsVisibleAndADialogKeepsItAndGivesItBack() {
    signUp("Dr. Keyboard");
    WebElement add = browser.driver().findElement(By.id("patients:addPatient"));
    browser.field("Search patients").click();
    new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    assertEquals(add, focused(), "Tab reaches Add patient");
    assertNotEquals("none", style(focused(), "outline-style"), "the focus is visible");
    assertNotEquals("0px", style(focused(), "outline-width"), "the focus is visible");
    browser.screenshot("a11y-01-focus-visible");

    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    browser.waitForField("Name");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> insideDialog(focused()));
    for (int i = 0; i < 12; i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      assertTrue(insideDialog(focused()), "Tab " + (i + 1) + " stays in the open dialog");
    }
    new Actions(browser.driver())
        .keyDown(Keys.SHIFT)
        .sendKeys(Keys.TAB)
        .keyUp(Keys.SHIFT)
        .perform();
    assertTrue(insideDialog(focused()), "Shift+Tab stays in the open dialog");
    browser.screenshot("a11y-02-focus-in-dialog");

    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(d -> !d.findElement(By.id("patientDialog")).isDisplayed());
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> add.equals(focused()));
  }

  @Test
  void aScansPictureSaysWhoseItIsAndWhenItWasUploaded() {
    signUp("Dr. Alt");
    browser.press("Add patient");
    browser.waitForField("Name");
    browser.fill("Name", "Rosalind Franklin");
    browser.fill("Age", "37");
    browser.choose("Female");
    browser.press("Save patient");
    browser.waitForText("Added Rosalind Franklin.");
    browser.click(By.xpath("//td[normalize-space(.)='Rosalind Franklin']"));
    browser.waitForText("Scans, newest first");
    browser.attach(
        "Scan image (JPEG or PNG, up to 20 MB)", Path.of("models", "reference", "normal-1.png"));
    browser.waitForText("Confidence");
    String alt =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> d.findElement(By.cssSelector(".ls-scan img")).getAttribute("alt"));
    assertTrue(
        alt.matches("Lung scan of Rosalind Franklin, uploaded .*\\d.*"),
        "the picture's text alternative: " + alt);
    browser.screenshot("a11y-03-scan-alternative");
  }

  /** The administrator's console: axe runs on each of its pages as the browser opens them. */
  @Test
  void theConsolePagesPassAxe() {
    browser.open("/");
    browser.fill("Email", SystemServer.ADMIN_EMAIL);
    browser.fill("Password", SystemServer.ADMIN_PASSWORD);
    browser.press("Log in");
    browser.waitForText("Patients");
    for (String page : List.of("/admin/analytics.xhtml", "/admin/audit.xhtml")) {
      browser.open(page);
      browser.screenshot("a11y-console" + page.replace('/', '-').replace(".xhtml", ""));
    }
  }

  private WebElement focused() {
    return browser.driver().switchTo().activeElement();
  }

  private boolean insideDialog(WebElement element) {
    return (Boolean)
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "return document.getElementById('patientDialog').contains(arguments[0])", element);
  }

  private String style(WebElement element, String property) {
    return (String)
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])",
                element,
                property);
  }

  private void signUp(String name) {
    browser.open("/");
    browser.follow("Sign up");
    browser.fill("Name", name);
    browser.fill(
        "Email", "a11y." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test");
    browser.fill("Password", "A long enough passphrase 9");
    browser.press("Sign up");
    browser.waitForText("Patients");
  }
}
