package org.lungscan.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A period of whole days in UTC, as a client types it ({@code from=2026-11-01&to=2026-11-30}, both
 * days included); either end may be open. Times in the database are UTC, so a day is compared as
 * text from its midnight to the next midnight.
 */
public record DayRange(LocalDate from, LocalDate to) implements java.io.Serializable {

  /**
   * The days asked for; a missing end takes its default (which may be null: open). A date that is
   * not {@code YYYY-MM-DD}, or a start after the end, is refused with the field named.
   */
  public static DayRange of(String from, String to, LocalDate defaultFrom, LocalDate defaultTo) {
    List<Invalid.FieldError> errors = new ArrayList<>();
    LocalDate start = day("from", from, defaultFrom, errors);
    LocalDate end = day("to", to, defaultTo, errors);
    if (errors.isEmpty() && start != null && end != null && start.isAfter(end)) {
      errors.add(new Invalid.FieldError("from", "must not be after to"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new DayRange(start, end);
  }

  private static LocalDate day(
      String field, String text, LocalDate absent, List<Invalid.FieldError> errors) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      LocalDate day = LocalDate.parse(text.strip());
      if (day.getYear() < 1970 || day.getYear() > 9998) {
        errors.add(new Invalid.FieldError(field, "must be a date between 1970 and 9998"));
      }
      return day;
    } catch (DateTimeParseException e) {
      errors.add(new Invalid.FieldError(field, "must be a date as YYYY-MM-DD"));
      return null;
    }
  }

  /** The number of days, both ends included; only for a closed range. */
  public long length() {
    return to.toEpochDay() - from.toEpochDay() + 1;
  }

  /** Every day of a closed range, in order. */
  public List<LocalDate> days() {
    return from.datesUntil(to.plusDays(1)).toList();
  }

  /** The first moment of the range as UTC database text, or null when it is open. */
  public String startText() {
    return from == null ? null : from + " 00:00:00";
  }

  /** The first moment after the range as UTC database text, or null when it is open. */
  public String endText() {
    return to == null ? null : to.plusDays(1) + " 00:00:00";
  }
}
