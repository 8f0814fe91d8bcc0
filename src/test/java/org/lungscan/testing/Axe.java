package org.lungscan.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Deque's axe-core, the engine of the accessibility checkers hospitals use, run on the page a
 * browser shows: WCAG 2.0/2.1 A and AA rules and axe's best practices. Serious and critical
 * violations fail; every violation is printed. The script is handed to the page by WebDriver, which
 * the Content-Security-Policy does not govern, so the pages' policy stays as strict as in
 * production.
 */
final class Axe {

  static final Set<String> FAILING = Set.of("serious", "critical");
  private static final Path LOG = Path.of("target", "axe", "checked.txt");
  private static String source;

  private Axe() {}

  private static synchronized String source() {
    if (source == null) {
      try {
        source = Files.readString(NodeTools.module("axe-core/axe.min.js"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }

  /** The violations axe finds on what the page shows now. */
  static List<Violation> check(JavascriptExecutor page) {
    if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object'"))) {
      page.executeScript(source());
    }
    Object answer =
        page.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
                + " resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
    String json = String.valueOf(answer);
    if (json.startsWith("error: ")) {
      throw new IllegalStateException("axe-core failed: " + json);
    }
    JsonArray violations = Json.createReader(new StringReader(json)).readArray();
    return violations.stream().map(JsonValue::asJsonObject).map(Violation::of).toList();
  }

  /** Notes which state of which page was checked and what was found, for the report. */
  static void record(String state, List<Violation> violations) {
    try {
      Files.createDirectories(LOG.getParent());
      String line =
          state
              + "\t"
              + violations.stream().filter(Violation::fails).count()
              + " serious or critical\t"
              + violations.stream()
                  .map(v -> v.rule() + "(" + v.impact() + ")")
                  .collect(Collectors.joining(" "))
              + "\n";
      Files.writeString(LOG, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Violation(String rule, String impact, String help, List<String> nodes) {

    static Violation of(JsonObject json) {
      List<String> nodes =
          json.getJsonArray("nodes").stream()
              .map(JsonValue::asJsonObject)
              .map(
                  node ->
                      node.getJsonArray("target").toString()
                          + " "
                          + node.getString("failureSummary", "").replace('\n', ' '))
              .toList();
      return new Violation(
          json.getString("id"), json.getString("impact", "minor"), json.getString("help"), nodes);
    }

    boolean fails() {
      return FAILING.contains(impact);
    }

    @Override
    public String toString() {
      return impact
          + " "
          + rule
          + ": "
          + help
          + nodes.stream().map(node -> "\n      " + node).collect(Collectors.joining());
    }
  }
}
