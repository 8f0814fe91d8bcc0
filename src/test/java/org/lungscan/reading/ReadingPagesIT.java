package org.lungscan.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.Browser;
import org.lungscan.testing.SystemServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A doctor reads a patient's newest scan in Chromium: from the worklist, most suspicious first, to
 * the reading view, its heatmap, a finding that disagrees with the AI, the prior beside it, and the
 * report.
 */
class ReadingPagesIT {

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser(SystemServer.get());
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1000));
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    List<String> blocked = browser.contentSecurityPolicyViolations();
    browser.close();
    assertEquals(List.of(), blocked, "the policy blocked part of a page");
  }

  @Test
  void fromTheWorklistToAFindingThatDisagreesComparedWithThePrior() throws Exception {
    signUp("Dr. Reader " + UUID.randomUUID().toString().substring(0, 4));
    addPatient("Rosalind Franklin", "37", "Female");
    browser.waitForText("Added Rosalind Franklin.");
    browser.click(By.xpath("//td[normalize-space(.)='Rosalind Franklin']"));
    browser.waitForText("Scans, newest first");
    upload("normal-1.png", "Normal: no sign of cancer");
    upload("malignant_nodule-1.png", "Malignant nodule: signs of cancer");
    browser.open("/app/dashboard.xhtml");
    browser.waitForText("2 scans not yet reviewed");

    browser.follow("Open the worklist");
    browser.waitForText("Scans to read");
    List<WebElement> rows = rows();
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).getText().contains("Malignant nodule"), rows.get(0).getText());
    assertTrue(rows.get(1).getText().contains("Normal"), rows.get(1).getText());
    String alt = rows.get(0).findElement(By.cssSelector("img")).getAttribute("alt");
    assertTrue(alt.startsWith("Lung scan of Rosalind Franklin, uploaded "), alt);
    browser.screenshot("reading-worklist");

    rows.get(0).findElement(By.cssSelector("a.ls-entry-link")).click();
    browser.waitForText("Scan of Rosalind Franklin");
    assertTrue(browser.path().endsWith("/app/reading.xhtml"), browser.path());
    String prediction = browser.textOf(By.cssSelector("#prediction"));
    assertTrue(prediction.contains("Malignant nodule: signs of cancer"), prediction);
    assertTrue(prediction.contains("Benign nodule") && prediction.contains("Normal"), prediction);
    assertTrue(prediction.contains("lungscan-demo 1.0.0"), prediction);
    assertTrue(prediction.contains("NOT for clinical use"), "the intended use: " + prediction);
    assertTrue(
        browser
            .driver()
            .findElement(By.id("scanImage"))
            .getAttribute("alt")
            .startsWith("Lung scan of Rosalind Franklin, uploaded "));

    imageTools();
    heatmap();

    browser.choose("Normal");
    browser.fill("Note (optional, up to 2000 characters)", "Vessel crossing, no nodule.");
    browser.press("Record finding");
    browser.waitForText("Reviewed: Normal (disagrees with the AI)");
    String reviews = browser.textOf(By.id("reviews"));
    assertTrue(reviews.contains("Vessel crossing, no nodule."), reviews);
    assertTrue(reviews.contains("by Dr. Reader"), reviews);
    ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0);");
    browser.screenshot("reading-view");

    String sides = browser.textOf(By.id("priors:sideBySide"));
    assertTrue(sides.contains("This scan") && sides.contains("Earlier scan"), sides);
    assertTrue(sides.contains("Normal: no sign of cancer"), "the prior's prediction: " + sides);
    assertTrue(sides.contains("Not reviewed"), "the prior's review: " + sides);
    List<WebElement> trend = browser.driver().findElements(By.cssSelector("#trendTable tbody tr"));
    assertEquals(2, trend.size(), "one point per predicted scan");
    assertTrue(browser.driver().findElement(By.cssSelector("#trendChart canvas")).isDisplayed());
    ((JavascriptExecutor) browser.driver())
        .executeScript("document.getElementById('priorsTitle').scrollIntoView();");
    browser.screenshot("reading-priors");
    String readingView = browser.driver().getCurrentUrl();

    browser.open("/app/worklist.xhtml");
    browser.waitForText("Scans to read");
    assertEquals(1, rows().size(), "the reviewed scan left the unreviewed list");
    browser.choose("Reviewed");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> browser.text().contains("Reviewed: Normal (disagrees with the AI)"));
    browser.open("/app/dashboard.xhtml");
    browser.waitForText("1 scan not yet reviewed");
    browser.click(By.xpath("//td[normalize-space(.)='Rosalind Franklin']"));
    browser.waitForText("Reviewed: Normal (disagrees with the AI)");

    browser.driver().get(readingView);
    browser.waitForText("Scan of Rosalind Franklin");
    report();
  }

  /** Zoom and brightness change what is drawn, in the browser. */
  private void imageTools() {
    WebElement viewer = browser.driver().findElement(By.id("viewer"));
    browser.press("Zoom in");
    assertEquals("1.25", viewer.getAttribute("data-scale"));
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "var b = document.getElementById('brightness'); b.value = 150;"
                + " b.dispatchEvent(new Event('input'));");
    String filter = browser.driver().findElement(By.id("scanImage")).getCssValue("filter");
    assertTrue(filter.contains("brightness(1.5)"), filter);
    browser.press("Reset view");
    assertEquals("1.00", viewer.getAttribute("data-scale"));
  }

  /** The overlay comes from the heatmap door, for the predicted class, and switches off. */
  private void heatmap() {
    WebElement shown = browser.field("Show heatmap");
    WebElement overlay = browser.driver().findElement(By.id("heatmapOverlay"));
    assertEquals(
        List.of("Normal", "Benign nodule", "Malignant nodule"),
        new org.openqa.selenium.support.ui.Select(browser.field("Evidence for class"))
            .getOptions().stream().map(WebElement::getText).toList());
    assertEquals(
        "malignant_nodule",
        new org.openqa.selenium.support.ui.Select(browser.field("Evidence for class"))
            .getFirstSelectedOption()
            .getAttribute("value"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(d -> !browser.textOf(By.id("heatmapStatus")).startsWith("Loading"));
    String status = browser.textOf(By.id("heatmapStatus"));
    Assumptions.assumeFalse(
        status.contains("not available"), "the heatmap page door has not landed on this branch");
    assertTrue(status.startsWith("Method: "), status);
    assertTrue(overlay.isDisplayed(), "the overlay is on");
    shown.click();
    assertFalse(overlay.isDisplayed(), "the overlay is off");
    shown.click();
    assertTrue(overlay.isDisplayed(), "the overlay is on again");
  }

  /** The report button's file, fetched with the page's session, is a PDF. */
  private void report() {
    String href = browser.driver().findElement(By.id("downloadReport")).getAttribute("href");
    @SuppressWarnings("unchecked")
    Map<String, Object> got =
        (Map<String, Object>)
            ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.arrayBuffer().then(b => done({status: r.status,"
                        + " head: String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5)))})))"
                        + ".catch(e => done({status: -1, head: String(e)}));",
                    href);
    long status = ((Number) got.get("status")).longValue();
    Assumptions.assumeFalse(status == 404, "the report page door has not landed on this branch");
    assertEquals(200, status, got::toString);
    assertEquals(
        "%PDF-",
        new String(
            ((String) got.get("head")).getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.ISO_8859_1));
  }

  private List<WebElement> rows() {
    return browser.driver().findElements(By.cssSelector("#worklist\\:entries tbody tr[data-ri]"));
  }

  private void upload(String file, String verdict) {
    browser.attach("Scan image (JPEG or PNG, up to 20 MB)", Path.of("models", "reference", file));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> d.findElement(By.cssSelector(".ls-result")).getText().contains(verdict));
  }

  private void signUp(String name) {
    browser.open("/");
    browser.follow("Sign up");
    browser.fill("Name", name);
    browser.fill(
        "Email", "reader." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test");
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
}
