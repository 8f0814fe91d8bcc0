package org.lungscan.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one start's time went, read from the server log's timestamps: each milestone's time since
 * the process was started, in milliseconds. A milestone the log does not show is left out.
 */
final class StartupMilestones {

  /** The milestones in the order a start passes them, each with the log text that marks its end. */
  static final Map<String, String> MARKS = new LinkedHashMap<>();

  static {
    MARKS.put("Payara core and data grid booted", "startup time : Embedded");
    MARKS.put("WAR copied, its classes scanned", "No deployment transformer implementation found");
    MARKS.put("CDI (Weld) started", "WELD-000900");
    MARKS.put("deployed (CDI, EJB, JPA)", "Deployed 1 archive(s)");
    MARKS.put("Flyway done", "Database schema is current");
    MARKS.put("Faces (Mojarra) starting", "Initializing Mojarra");
    MARKS.put("PrimeFaces started", "Running on PrimeFaces");
    MARKS.put("Payara reports ready", ") ready in ");
  }

  static final String MODEL_LOADED = "model loaded";
  static final String MODEL_LOAD_BEGAN = "model load began";

  private static final Pattern TIME = Pattern.compile("\\[timeMillis: (\\d+)]");
  private static final Pattern MODEL = Pattern.compile("Model .* loaded from .* in (\\d+) ms");

  private StartupMilestones() {}

  /** Each milestone found in {@code log}, in milliseconds after {@code startMillis}. */
  static Map<String, Long> read(Path log, long startMillis) throws IOException {
    List<String> lines = Files.readAllLines(log);
    Map<String, Long> found = new LinkedHashMap<>();
    for (Map.Entry<String, String> mark : MARKS.entrySet()) {
      firstTime(lines, mark.getValue()).ifPresent(t -> found.put(mark.getKey(), t - startMillis));
    }
    for (String line : lines) {
      Matcher model = MODEL.matcher(line);
      OptionalLong time = timeOf(line);
      if (model.find() && time.isPresent()) {
        long loaded = time.getAsLong() - startMillis;
        found.put(MODEL_LOAD_BEGAN, loaded - Long.parseLong(model.group(1)));
        found.put(MODEL_LOADED, loaded);
        break;
      }
    }
    return found;
  }

  private static Optional<Long> firstTime(List<String> lines, String text) {
    for (String line : lines) {
      if (line.contains(text)) {
        OptionalLong time = timeOf(line);
        if (time.isPresent()) {
          return Optional.of(time.getAsLong());
        }
      }
    }
    return Optional.empty();
  }

  private static OptionalLong timeOf(String line) {
    Matcher matcher = TIME.matcher(line);
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }
}
