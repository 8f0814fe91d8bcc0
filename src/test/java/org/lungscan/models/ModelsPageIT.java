package org.lungscan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Administrator;
import org.lungscan.testing.Api;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's models page: upload with its validation shown, evaluate, activate. */
class ModelsPageIT {

  private static final String VERSION = "3.0.0-page";

  @AfterAll
  static void demoModelActiveAgain() {
    Api api = new Api(SystemServer.get());
    String admin = Administrator.token(api);
    long demo =
        api.get("/api/admin/models", admin).array().stream()
            .map(v -> v.asJsonObject())
            .filter(m -> m.getString("version").equals("1.0.0"))
            .mapToLong(m -> m.getJsonNumber("id").longValue())
            .min()
            .orElseThrow();
    assertEquals(200, api.post("/api/admin/models/" + demo + "/activate", "", admin).status());
  }

  @Test
  void anAdministratorUploadsSeesTheValidationEvaluatesAndActivates() throws Exception {
    Path card = Files.createTempFile("card", ".json");
    Files.write(card, ModelsApiIT.demoCard(VERSION));
    Path text = Files.createTempFile("notes", ".h5");
    Files.writeString(text, "not a model", StandardCharsets.UTF_8);
    try (Browser browser = new Browser(SystemServer.get())) {
      browser.open("/login.xhtml");
      browser.fill("Email", SystemServer.ADMIN_EMAIL);
      browser.fill("Password", SystemServer.ADMIN_PASSWORD);
      browser.press("Log in");
      browser.open("/admin/models.xhtml");
      browser.waitForText("Registered models");

      browser.attach("Model file (.h5 or .keras)", text);
      browser.press("Upload and validate");
      browser.waitForText("Validation failed:");
      assertTrue(browser.text().contains("neither a Keras"), browser.text());

      browser.attach("Model file (.h5 or .keras)", Path.of("models", "lungscan-demo.keras"));
      browser.attach("Model card (JSON, optional)", card);
      browser.press("Upload and validate");
      browser.waitForText("Validation passed: lungscan-demo " + VERSION);

      By row = By.xpath("//tr[td[normalize-space(.)='lungscan-demo " + VERSION + "']]");
      browser.click(
          By.xpath(
              "//tr[td[normalize-space(.)='lungscan-demo "
                  + VERSION
                  + "']]//button[normalize-space(.)='Evaluate']"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(120))
          .ignoring(StaleElementReferenceException.class)
          .until(
              d ->
                  browser
                      .text()
                      .contains(
                          "Evaluation against the doctors' reviews: lungscan-demo " + VERSION));
      assertTrue(
          browser.text().contains("Scans that would change class against the active model: 0"),
          browser.text());

      browser.click(
          By.xpath(
              "//tr[td[normalize-space(.)='lungscan-demo "
                  + VERSION
                  + "']]//button[normalize-space(.)='Activate']"));
      new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
          .until(d -> browser.text().contains("Model lungscan-demo " + VERSION + " is active"));
      assertEquals("ACTIVE", statusOf(browser, row));
      browser.screenshot("admin-models");
    }
  }

  private static String statusOf(Browser browser, By row) {
    return browser.driver().findElement(row).findElements(By.tagName("td")).get(2).getText();
  }
}
