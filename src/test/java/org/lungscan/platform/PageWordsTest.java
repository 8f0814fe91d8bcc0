package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages' message bundle: every word the pages and views ask for is there, and formats. */
class PageWordsTest {

  private static final ResourceBundle WORDS =
      ResourceBundle.getBundle("org.lungscan.platform.messages", Locale.ROOT);
  private static final Pattern IN_PAGES = Pattern.compile("msg\\['([^']+)'\\]");
  private static final Pattern IN_VIEWS =
      Pattern.compile("PageMessages\\.(?:info|warn|error|text)\\(\\s*\"([^\"]+)\"");

  @Test
  void everyKeyThePagesAndViewsUseIsInTheBundle() {
    Set<String> used = new TreeSet<>();
    used.addAll(keysIn(Path.of("src", "main", "webapp"), ".xhtml", IN_PAGES));
    used.addAll(keysIn(Path.of("src", "main", "java"), ".java", IN_VIEWS));
    assertTrue(used.size() > 40, "the pages were read: " + used);
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(WORDS.keySet());
    // a key ending in a dot is the prefix of keys a view completes with an enum's name
    missing.removeIf(
        k -> k.endsWith(".") && WORDS.keySet().stream().anyMatch(w -> w.startsWith(k)));
    assertEquals(Set.of(), missing);
  }

  @Test
  void everyTextIsAValidPattern() {
    for (String key : WORDS.keySet()) {
      new MessageFormat(WORDS.getString(key), Locale.ROOT);
    }
  }

  @Test
  void theDeletionWarningCountsScansInWords() {
    assertEquals(
        "Delete Ada? This also removes their 1 scan, the scan images and every prediction."
            + " This cannot be undone.",
        format("patients.deletionWarning", "Ada", 1L));
    assertTrue(format("patients.deletionWarning", "Ada", 0L).contains("their 0 scans,"));
    assertTrue(format("patients.deletionWarning", "Ada", 1200L).contains("their 1200 scans,"));
  }

  @Test
  void theUploadLabelNamesTheLimitInMegabytes() {
    assertEquals("Scan image (JPEG or PNG, up to 20 MB)", format("reading.uploadLabel", 20L));
  }

  private static String format(String key, Object... args) {
    return new MessageFormat(WORDS.getString(key), Locale.ROOT).format(args);
  }

  private static Set<String> keysIn(Path root, String suffix, Pattern key) {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(file -> file.toString().endsWith(suffix))
          .forEach(
              file -> {
                Matcher found = key.matcher(read(file));
                while (found.find()) {
                  keys.add(found.group(1));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
