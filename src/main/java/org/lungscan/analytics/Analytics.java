package org.lungscan.analytics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The hospital's figures for a period of days (UTC, both included). Events (patients added, scans,
 * predictions, reviews) count when they happened in the period; accounts count as they are now.
 */
public record Analytics(
    Period period,
    Doctors doctors,
    long patients,
    long scans,
    long predictions,
    long reviews,
    List<Day> byDay,
    Map<String, Long> predictedClasses,
    Agreement agreement,
    List<ModelFigures> byModel,
    InferenceTimes inferenceMs)
    implements Serializable {

  /** The days counted. */
  public record Period(LocalDate from, LocalDate to) implements Serializable {}

  /** Accounts by status, now. */
  public record Doctors(long active, long pending, long disabled) implements Serializable {}

  /** One day's events; every day of the period is listed, with zeros. */
  public record Day(LocalDate date, long scans, long predictions, long reviews)
      implements Serializable {}

  /**
   * Of the reviews in the period that followed a prediction, how many agreed with its class; the
   * rate is 0 when there are none.
   */
  public record Agreement(long reviewed, long agreed, double rate) implements Serializable {
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
      long predictions,
      long reviewed,
      long agreed,
      Map<String, Map<String, Long>> confusion)
      implements Serializable {}

  /** Inference time in milliseconds (nearest-rank percentiles); null without predictions. */
  public record InferenceTimes(Double p50, Double p95) implements Serializable {}
}
