package org.lungscan.analytics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The hospital's figures for a period of days (UTC, both included). Events (patients added, scans,
 * predictions, reviews) count when they happened in the period; accounts count as they are now.
 */
@Schema(name = "Analytics")
public record Analytics(
    Period period,
    Doctors doctors,
    @Schema(format = "int64") long patients,
    @Schema(format = "int64") long scans,
    @Schema(format = "int64") long predictions,
    @Schema(format = "int64") long reviews,
    List<Day> byDay,
    @Schema(format = "int64") Map<String, Long> predictedClasses,
    Agreement agreement,
    List<ModelFigures> byModel,
    InferenceTimes inferenceMs)
    implements Serializable {

  /** The days counted. */
  public record Period(
      @Schema(format = "date") LocalDate from, @Schema(format = "date") LocalDate to)
      implements Serializable {}

  /** Accounts by status, now. */
  public record Doctors(
      @Schema(format = "int64") long active,
      @Schema(format = "int64") long pending,
      @Schema(format = "int64") long disabled)
      implements Serializable {}

  /** One day's events; every day of the period is listed, with zeros. */
  public record Day(
      @Schema(format = "date") LocalDate date,
      @Schema(format = "int64") long scans,
      @Schema(format = "int64") long predictions,
      @Schema(format = "int64") long reviews)
      implements Serializable {}

  /**
   * Of the reviews in the period that followed a prediction, how many agreed with its class; the
   * rate is 0 when there are none.
   */
  public record Agreement(
      @Schema(format = "int64") long reviewed, @Schema(format = "int64") long agreed, double rate)
      implements Serializable {
    static Agreement of(long reviewed, long agreed) {
      return new Agreement(reviewed, agreed, reviewed == 0 ? 0 : (double) agreed / reviewed);
    }
  }

  /**
   * One model version's predictions in the period, how many were reviewed and agreed with, and what
   * the doctors found for each predicted class ({@code confusion: {finding: {predicted: n}}}).
   */
  public record ModelFigures(
      String name,
      String version,
      @Schema(format = "int64") long predictions,
      @Schema(format = "int64") long reviewed,
      @Schema(format = "int64") long agreed,
      @Schema(format = "int64") Map<String, Map<String, Long>> confusion)
      implements Serializable {}

  /** Inference time in milliseconds (nearest-rank percentiles); null without predictions. */
  public record InferenceTimes(Double p50, Double p95) implements Serializable {}
}
