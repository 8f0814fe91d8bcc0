package org.lungscan.analytics;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.lungscan.analytics.Analytics.Day;
import org.lungscan.platform.DayRange;
import org.lungscan.platform.PageMessages;

/** The page door to the hospital's figures: a period, its figures, charts and their tables. */
@Named("analyticsView")
@ViewScoped
public class AnalyticsView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Dark enough for 3:1 against white (WCAG 1.4.11), told apart without colour by the tables. */
  private static final List<String> COLOURS = List.of("#0b4f6c", "#b45309", "#6d28d9");

  @Inject AnalyticsService analytics;

  private LocalDate from;
  private LocalDate to;
  private Analytics figures;

  @PostConstruct
  void lastThirtyDays() {
    DayRange days = analytics.period(null, null);
    from = days.from();
    to = days.to();
    figures = analytics.of(days);
  }

  public void show() {
    figures = analytics.of(analytics.period(text(from), text(to)));
    from = figures.period().from();
    to = figures.period().to();
  }

  private static String text(LocalDate day) {
    return day == null ? null : day.toString();
  }

  public Analytics getFigures() {
    return figures;
  }

  public String getPeriod() {
    return PageMessages.text(
        "console.analytics.period", figures.period().from(), figures.period().to());
  }

  public String getAgreement() {
    return Math.round(figures.agreement().rate() * 1000) / 10.0 + " %";
  }

  public String getP50() {
    return millis(figures.inferenceMs().p50());
  }

  public String getP95() {
    return millis(figures.inferenceMs().p95());
  }

  private static String millis(Double value) {
    return value == null
        ? PageMessages.text("console.analytics.none")
        : PageMessages.text("console.analytics.ms", value);
  }

  /** The predicted classes as rows of the table alternative. */
  public List<Map.Entry<String, Long>> getClasses() {
    return List.copyOf(figures.predictedClasses().entrySet());
  }

  /** Chart.js configuration: scans, predictions and reviews per day. */
  public String getPerDayChart() {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    figures.byDay().forEach(d -> labels.add(d.date().toString()));
    JsonArrayBuilder datasets =
        Json.createArrayBuilder()
            .add(dataset("console.analytics.scans", 0, figures.byDay().stream().map(Day::scans)))
            .add(
                dataset(
                    "console.analytics.predictions",
                    1,
                    figures.byDay().stream().map(Day::predictions)))
            .add(
                dataset(
                    "console.analytics.reviews", 2, figures.byDay().stream().map(Day::reviews)));
    return bar(labels, datasets);
  }

  /** Chart.js configuration: predictions per predicted class. */
  public String getClassesChart() {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    figures.predictedClasses().keySet().forEach(labels::add);
    return bar(
        labels,
        Json.createArrayBuilder()
            .add(
                dataset(
                    "console.analytics.count", 0, figures.predictedClasses().values().stream())));
  }

  /** Chart.js configuration: accounts by status. */
  public String getDoctorsChart() {
    Analytics.Doctors doctors = figures.doctors();
    JsonArrayBuilder labels =
        Json.createArrayBuilder()
            .add(PageMessages.text("console.analytics.active"))
            .add(PageMessages.text("console.analytics.pending"))
            .add(PageMessages.text("console.analytics.disabled"));
    return bar(
        labels,
        Json.createArrayBuilder()
            .add(
                dataset(
                    "console.analytics.accounts",
                    0,
                    java.util.stream.Stream.of(
                        doctors.active(), doctors.pending(), doctors.disabled()))));
  }

  private static JsonObjectBuilder dataset(
      String labelKey, int colour, java.util.stream.Stream<Long> values) {
    JsonArrayBuilder data = Json.createArrayBuilder();
    values.forEach(data::add);
    return Json.createObjectBuilder()
        .add("label", PageMessages.text(labelKey))
        .add("data", data)
        .add("backgroundColor", COLOURS.get(colour));
  }

  private static String bar(JsonArrayBuilder labels, JsonArrayBuilder datasets) {
    return Json.createObjectBuilder()
        .add("type", "bar")
        .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add(
                    "scales",
                    Json.createObjectBuilder()
                        .add(
                            "y",
                            Json.createObjectBuilder()
                                .add("beginAtZero", true)
                                .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
        .build()
        .toString();
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }
}
