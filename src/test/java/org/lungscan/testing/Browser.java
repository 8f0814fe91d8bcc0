package org.lungscan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's), driven the way a person uses the pages: fields found by
 * their visible labels, buttons by their names. Every page it visits and every dialog it opens is
 * checked with axe-core (WCAG 2.1 AA) before the next step: a serious or critical violation fails
 * the test, with every violation printed.
 */
public final class Browser implements AutoCloseable {

  private final ChromeDriver driver;
  private final java.util.function.Function<String, java.net.URI> server;
  private final Set<String> checked = new HashSet<>();

  public Browser(RunningServer server) {
    this(server::uri);
  }

  /** A browser on whatever answers these addresses: an instance, or a load balancer. */
  public Browser(java.util.function.Function<String, java.net.URI> server) {
    this.server = server;
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(server.apply(path).toString());
    checkAccessibility();
  }

  /**
   * Runs axe-core on what the page shows now, once per page and set of open dialogs, after its
   * requests and animations have settled; fails on a serious or critical violation.
   */
  public void checkAccessibility() {
    String state;
    try {
      state = settledState();
    } catch (org.openqa.selenium.WebDriverException leftThePage) {
      return;
    }
    if (state == null || !checked.add(state)) {
      return;
    }
    List<Axe.Violation> violations;
    try {
      violations = Axe.check(driver);
    } catch (org.openqa.selenium.JavascriptException
        | org.openqa.selenium.ScriptTimeoutException e) {
      // the page changed under axe (a navigation): check the new one
      checked.remove(state);
      violations = Axe.check(driver);
      state = settledState();
      checked.add(state);
    }
    Axe.record(state, violations);
    if (!violations.isEmpty()) {
      System.out.println(
          "axe on "
              + state
              + ":"
              + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining()));
    }
    List<Axe.Violation> failing = violations.stream().filter(Axe.Violation::fails).toList();
    if (!failing.isEmpty()) {
      screenshot("axe-" + state.replaceAll("[^A-Za-z0-9]+", "-"));
      throw new AssertionError(
          "WCAG 2.1 AA: axe-core found "
              + failing.size()
              + " serious or critical violation(s) on "
              + state
              + failing.stream().map(v -> "\n  " + v).collect(Collectors.joining()));
    }
  }

  /**
   * The page's path and its visible dialogs, once no request is pending and nothing moves; null
   * while the page is still loading after ten seconds.
   */
  private String settledState() {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(10))
          .ignoring(org.openqa.selenium.JavascriptException.class)
          .until(
              d ->
                  (String)
                      driver.executeScript(
                          "if (document.readyState !== 'complete') return null;"
                              + "const $ = window.jQuery;"
                              + "if ($ && ($.active > 0 || $.timers.length > 0)) return null;"
                              + "if (document.getAnimations().some(a => a.playState === 'running'"
                              + " && a.effect && a.effect.getComputedTiming().iterations !== Infinity))"
                              + " return null;"
                              + "const open = [...document.querySelectorAll("
                              + "'.ui-dialog, .ui-overlaypanel, [role=dialog], [role=alertdialog]')]"
                              + ".filter(e => e.getClientRects().length > 0"
                              + " && getComputedStyle(e).visibility !== 'hidden')"
                              + ".map(e => e.id || e.className).sort();"
                              + "return location.pathname + (open.length ? ' with dialog '"
                              + " + open.join(', ') : '');"));
    } catch (org.openqa.selenium.TimeoutException stillBusy) {
      return null;
    }
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  /** The input a visible label names, as a person finds it. */
  public WebElement field(String label) {
    WebElement labelElement =
        driver.findElement(
            By.xpath(
                "//label[normalize-space(.)='"
                    + label
                    + "' or normalize-space(.)='"
                    + label
                    + "*']"));
    WebElement target = driver.findElement(By.id(labelElement.getAttribute("for")));
    String tag = target.getTagName();
    if (tag.equals("input") || tag.equals("select") || tag.equals("textarea")) {
      return target;
    }
    return target.findElement(By.cssSelector("input, select, textarea"));
  }

  /** Waits until the field a label names is on screen, as after a dialog opens. */
  public void waitForField(String label) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> field(label).isDisplayed());
    checkAccessibility();
  }

  /** Picks a file for the file field a label names, as a person choosing it in the dialog. */
  public void attach(String label, java.nio.file.Path file) {
    checkAccessibility();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(
            d -> {
              field(label).sendKeys(file.toAbsolutePath().toString());
              return true;
            });
  }

  public void fill(String label, String value) {
    checkAccessibility();
    WebElement field = field(label);
    field.clear();
    field.sendKeys(value);
  }

  /** Presses the visible button with this name, waiting while an animation or overlay covers it. */
  public void press(String buttonName) {
    checkAccessibility();
    By button = By.xpath("//button[normalize-space(.)='" + buttonName + "']");
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(ElementNotInteractableException.class)
        .until(
            d -> {
              d.findElements(button).stream()
                  .filter(WebElement::isDisplayed)
                  .findFirst()
                  .orElseThrow(
                      () -> new ElementNotInteractableException(buttonName + " is not visible"))
                  .click();
              return true;
            });
  }

  /** Picks the visible option (radio button or checkbox) labelled with this text. */
  public void choose(String optionLabel) {
    checkAccessibility();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              d.findElements(By.xpath("//label[normalize-space(.)='" + optionLabel + "']")).stream()
                  .filter(WebElement::isDisplayed)
                  .findFirst()
                  .orElseThrow()
                  .click();
              return true;
            });
  }

  /** The text of the element, read again if the page replaced it meanwhile. */
  public String textOf(By element) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(element).getText());
  }

  /** Clicks the element, again if the page replaced it or something covered it meanwhile. */
  public void click(By element) {
    checkAccessibility();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class)
        .until(
            d -> {
              d.findElement(element).click();
              return true;
            });
  }

  public void follow(String linkText) {
    checkAccessibility();
    driver.findElement(By.linkText(linkText)).click();
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits until the page shows the text, for up to ten seconds. */
  public void waitForText(String text) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> text().contains(text));
    checkAccessibility();
  }

  /** Saves what the page looks like now under target/screenshots/NAME.png. */
  public Path screenshot(String name) {
    try {
      Path file = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the browser's console said about the Content-Security-Policy since the last call: a
   * script, style or handler the policy blocked, so a part of the page that silently does nothing.
   */
  public List<String> contentSecurityPolicyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  @Override
  public void close() {
    try {
      checkAccessibility();
    } finally {
      driver.quit();
    }
  }
}
