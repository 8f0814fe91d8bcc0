package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.AuditRow;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages read and write through the same services as the API, so they leave the same audit
 * events: a patient looked at on the dashboard is a PATIENT_READ, as GET /api/patients/{id} is.
 */
class AuditedPagesIT {

  @Test
  void aDoctorsWorkOnThePagesIsAuditedLikeTheApi() throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String email = "audited.pages." + unique + "@hospital.test";
    String name = "Paged Patient " + unique;
    try (Browser browser = new Browser(SystemServer.get())) {
      browser.open("/");
      browser.follow("Sign up");
      browser.fill("Name", "Dr. Audited Pages");
      browser.fill("Email", email);
      browser.fill("Password", "A long enough passphrase 9");
      browser.press("Sign up");
      browser.waitForText("Patients");
      browser.press("Add patient");
      browser.waitForField("Name");
      browser.fill("Name", name);
      browser.fill("Age", "70");
      browser.choose("Other");
      browser.press("Save patient");
      browser.waitForText("Added " + name + ".");
      browser.click(By.xpath("//td[normalize-space(.)='" + name + "']"));
      browser.waitForText("Scans, newest first");
      browser.attach(
          "Scan image (JPEG or PNG, up to 20 MB)", Path.of("models", "reference", "normal-1.png"));
      // the first prediction of a freshly started server may take longer than a page wait
      new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
          .until(d -> browser.text().contains("Confidence"));
      browser.click(By.cssSelector(".ls-scan-open"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .ignoring(StaleElementReferenceException.class)
          .until(d -> d.findElement(By.id("scanDialog")).getText().contains("Predictions"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      ((org.openqa.selenium.JavascriptExecutor) d)
                          .executeScript(
                              "var i = document.querySelector('#scanDialog img');"
                                  + " return i != null && i.complete && i.naturalWidth > 0;")));
      browser.screenshot("audited-pages-scan-opened");
    }

    long patient = idOf("SELECT id FROM patient WHERE name = '" + name + "'");
    long scan = idOf("SELECT id FROM lung_scan WHERE patient_id = " + patient);
    List<String> events = eventsOf(email);
    for (String expected :
        List.of(
            "SIGN_UP doctor",
            "SIGN_IN doctor",
            "PATIENT_LIST patient null",
            "PATIENT_CREATE patient " + patient,
            "PATIENT_READ patient " + patient,
            "SCAN_LIST lung_scan null",
            "SCAN_CREATE lung_scan " + scan,
            "SCAN_IMAGE_READ lung_scan " + scan,
            "PREDICT prediction " + scan,
            "SCAN_READ lung_scan " + scan,
            "PREDICTION_READ prediction " + scan)) {
      assertTrue(
          events.stream().anyMatch(e -> e.startsWith(expected + " ") && e.endsWith(" SUCCESS")),
          () -> expected + " missing from " + events);
    }
  }

  private static long idOf(String query) throws Exception {
    try (Connection c = SystemServer.database().connect();
        ResultSet rs = c.createStatement().executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getLong(1);
    }
  }

  private static List<String> eventsOf(String email) throws Exception {
    List<AuditRow> rows = AuditRow.of(email);
    for (AuditRow row : rows) {
      assertEquals("127.0.0.1", row.clientAddress(), "from where, for " + row.line());
    }
    return rows.stream().map(AuditRow::line).toList();
  }
}
