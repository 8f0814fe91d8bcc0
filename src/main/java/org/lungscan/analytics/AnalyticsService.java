package org.lungscan.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.lungscan.accounts.AccountAdministration;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.AccountStatus;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.analytics.Analytics.Day;
import org.lungscan.analytics.Analytics.Doctors;
import org.lungscan.analytics.Analytics.InferenceTimes;
import org.lungscan.analytics.Analytics.Period;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.DayRange;
import org.lungscan.platform.Invalid;
import org.lungscan.reading.ReviewService;

/** The hospital's figures for a period, for administrators; each reading is audited. */
@ApplicationScoped
public class AnalyticsService {

  /** Days shown when none are asked for: the last 30, today included. */
  public static final int DEFAULT_DAYS = 30;

  /** The longest period one answer covers, so that its list of days stays small. */
  public static final int MAX_DAYS = 366;

  @Inject AnalyticsRecords records;
  @Inject AuditTrail audit;
  @Inject CurrentDoctor doctor;
  @Inject AccountAdministration accounts;
  @Inject ReviewService reviews;

  Clock clock = Clock.systemUTC();

  /** The period a client typed: defaults to the last 30 days; at most {@link #MAX_DAYS} days. */
  public DayRange period(String from, String to) {
    LocalDate today = LocalDate.now(clock);
    DayRange asked = DayRange.of(from, to, null, null);
    LocalDate end = asked.to() != null ? asked.to() : today;
    LocalDate start = asked.from() != null ? asked.from() : end.minusDays(DEFAULT_DAYS - 1L);
    if (asked.to() == null && start.isAfter(end)) {
      end = start.plusDays(DEFAULT_DAYS - 1L);
    }
    DayRange days = new DayRange(start, end);
    if (days.length() > MAX_DAYS) {
      throw new Invalid("to", "must be at most " + MAX_DAYS + " days after from");
    }
    return days;
  }

  /** The figures of these days. */
  public Analytics of(DayRange days) {
    Map<LocalDate, Long> scans = records.scansByDay(days);
    Map<LocalDate, Long> predictions = records.predictionsByDay(days);
    long predicted = sum(predictions);
    Map<AccountStatus, Long> statuses = accounts.countByStatus();
    Reviews reviewed =
        Reviews.of(
            reviews.reviewsBetween(
                days.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                days.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    Analytics figures =
        new Analytics(
            new Period(days.from(), days.to()),
            new Doctors(
                statuses.getOrDefault(AccountStatus.ACTIVE, 0L),
                statuses.getOrDefault(AccountStatus.PENDING, 0L),
                statuses.getOrDefault(AccountStatus.DISABLED, 0L)),
            records.patientsAdded(days),
            sum(scans),
            predicted,
            reviewed.count(),
            days.days().stream()
                .map(
                    d ->
                        new Day(
                            d,
                            scans.getOrDefault(d, 0L),
                            predictions.getOrDefault(d, 0L),
                            reviewed.byDay().getOrDefault(d, 0L)))
                .toList(),
            records.predictedClasses(days),
            reviewed.agreement(),
            reviewed.byModel(records.predictionsByModel(days)),
            new InferenceTimes(
                records.inferenceTime(days, predicted, 0.5),
                records.inferenceTime(days, predicted, 0.95)));
    audit.record(
        AccountService.actorOf(doctor.get()),
        AuditAction.ANALYTICS_READ,
        "analytics",
        null,
        Outcome.SUCCESS,
        "from=" + days.from() + " to=" + days.to());
    return figures;
  }

  private static long sum(Map<LocalDate, Long> perDay) {
    return perDay.values().stream().mapToLong(Long::longValue).sum();
  }
}
