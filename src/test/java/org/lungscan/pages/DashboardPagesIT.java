package org.lungscan.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A doctor's day on the pages, in a real headless Chromium, finding things as a person would. */
class DashboardPagesIT {

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    List<String> blocked = browser.contentSecurityPolicyViolations();
    browser.close();
    assertEquals(List.of(), blocked, "the policy blocked part of a page");
  }

  @Test
  void signUpAddAPatientUploadAScanSeeTheResultOpenItAndLogOut() throws Exception {
    String name = "Dr. Daily " + UUID.randomUUID().toString().substring(0, 4);
    signUp(name);
    assertTrue(browser.text().contains(name), "the greeting names the doctor");
    String today =
        LocalDate.now()
            .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.ENGLISH));
    assertTrue(browser.text().contains(today), "today's date is shown");
    assertTrue(browser.text().contains("Demonstration model"), "the demo model is announced");

    addPatient("Grace Hopper", "85", "Female");
    browser.waitForText("Added Grace Hopper.");
    browser.screenshot("pages-01-patient-added");
    selectPatient("Grace Hopper");

    browser.attach(
        "Scan image (JPEG or PNG, up to 20 MB)",
        Path.of("models", "reference", "malignant_nodule-1.png"));
    browser.waitForText("Confidence");
    String result = browser.textOf(By.cssSelector(".ls-result"));
    assertTrue(result.contains("Malignant nodule: signs of cancer"), result);
    assertTrue(result.matches("(?s).*Confidence \\d+\\.\\d%.*"), result);
    assertTrue(
        result.contains("Benign nodule") && result.contains("Normal"),
        "every class's probability: " + result);
    assertTrue(result.contains("lungscan-demo 1.0.0"), result);
    browser.screenshot("pages-02-result");

    browser.click(By.cssSelector(".ls-scan-open"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(By.id("scanDialog")).isDisplayed()
                    && d.findElement(By.id("scanDialog")).getText().contains("Predictions"));
    assertTrue(browser.textOf(By.id("scanDialog")).contains("Malignant nodule"));
    browser.screenshot("pages-03-scan-opened");
    browser.click(By.cssSelector("#scanDialog .ui-dialog-titlebar-close"));

    browser.press("Log out");
    browser.waitForText("You have logged out.");
    assertEquals("/login.xhtml", browser.path());
  }

  @Test
  void aWrongFileTypeIsRefusedWithAMessage() throws Exception {
    signUp("Dr. Careful");
    addPatient("Alan Turing", "41", "Male");
    browser.waitForText("Added Alan Turing.");
    selectPatient("Alan Turing");
    Path text = Files.createTempFile("notes", ".txt");
    Files.writeString(text, "not an image");
    browser.attach("Scan image (JPEG or PNG, up to 20 MB)", text);
    browser.waitForText("Invalid file type");
    browser.screenshot("pages-04-wrong-file-type");

    Path disguised = Files.createTempFile("disguised", ".png");
    Files.writeString(disguised, "<html>not a png</html>");
    browser.attach("Scan image (JPEG or PNG, up to 20 MB)", disguised);
    browser.waitForText("not a JPEG or PNG");
    browser.screenshot("pages-05-disguised-file-refused-by-server");
  }

  @Test
  void aSecondDoctorSeesNoneOfTheFirstDoctorsPatients() {
    signUp("Dr. First");
    addPatient("Secret Patient", "50", "Other");
    browser.waitForText("Added Secret Patient.");
    browser.press("Log out");
    browser.waitForText("You have logged out.");

    signUp("Dr. Second");
    assertFalse(browser.text().contains("Secret Patient"), "the second doctor's list is their own");
    assertTrue(browser.text().contains("No patients yet"));
    browser.screenshot("pages-06-second-doctor-sees-nothing");
  }

  /** The edit dialog and the confirmation work under the Content-Security-Policy too. */
  @Test
  void aPatientIsEditedAndDeletedAfterConfirmation() {
    signUp("Dr. Editor");
    addPatient("Ann Typo", "40", "Female");
    browser.waitForText("Added Ann Typo.");
    selectPatient("Ann Typo");
    browser.press("Edit");
    browser.waitForField("Name");
    browser.fill("Name", "Ann Correct");
    browser.press("Save patient");
    browser.waitForText("Ann Correct");
    browser.press("Delete");
    browser.waitForText("Delete patient");
    browser.screenshot("pages-09-delete-confirmation");
    // a click while the dialog still fades in leaves it open once the patient is gone
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(
            d ->
                (Boolean)
                    ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript(
                            "return jQuery('.ui-confirm-dialog:animated').length === 0"));
    browser.click(By.cssSelector(".ui-confirmdialog-yes"));
    browser.waitForText("No patients yet");
    assertFalse(browser.textOf(By.id("patients:table")).contains("Ann Correct"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(d -> !d.findElement(By.cssSelector(".ui-confirm-dialog")).isDisplayed());
  }

  @Test
  void validationMessagesAppearNextToTheFields() {
    signUp("Dr. Validator");
    browser.press("Add patient");
    browser.waitForField("Name");
    browser.fill("Age", "200");
    browser.press("Save patient");
    browser.waitForText("Age must be a whole number between 0 and 130.");
    assertTrue(browser.text().contains("Name must be 1 to 100 characters."));
    browser.screenshot("pages-07-validation");
  }

  @Test
  void theDashboardFitsATabletAndWorksFromTheKeyboard() {
    signUp("Dr. Tablet");
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
    addPatient("Ada Tablet", "30", "Female");
    browser.waitForText("Added Ada Tablet.");
    Object overflow =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertEquals(
        0L, ((Number) overflow).longValue(), "nothing sticks out sideways at tablet width");
    browser.screenshot("pages-08-tablet-width");

    WebElement search = browser.field("Search patients");
    search.click();
    search.sendKeys(org.openqa.selenium.Keys.TAB);
    assertEquals(
        "Add patient",
        browser.driver().switchTo().activeElement().getText(),
        "Tab moves from the search box to the Add patient button");
  }

  private void signUp(String name) {
    browser.open("/");
    browser.follow("Sign up");
    browser.fill("Name", name);
    browser.fill(
        "Email", "page." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test");
    browser.fill("Password", "A long enough passphrase 9");
    browser.press("Sign up");
    browser.waitForText("Patients");
  }

  private void addPatient(String name, String age, String gender) {
    browser.press("Add patient");
    browser.waitForField("Name");
    browser.fill("Name", name);
    browser.fill("Age", age);
    browser.choose(gender);
    browser.press("Save patient");
  }

  private void selectPatient(String name) {
    browser.click(By.xpath("//td[normalize-space(.)='" + name + "']"));
    browser.waitForText("Scans, newest first");
  }
}
