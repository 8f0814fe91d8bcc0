package org.lungscan.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lungscan.platform.DayRange;
import org.lungscan.platform.Invalid;

/**
 * Which events an administrator asks for: days (UTC, both included), the doctor who acted, the
 * action; each optional.
 */
public record AuditQuery(DayRange days, Long doctorId, AuditAction action)
    implements java.io.Serializable {

  /** Everything. */
  public static AuditQuery all() {
    return new AuditQuery(new DayRange(null, null), null, null);
  }

  /** The filters as a client typed them, each checked; every broken one is named. */
  public static AuditQuery of(String from, String to, String doctorId, String action) {
    List<Invalid.FieldError> errors = new ArrayList<>();
    DayRange days = null;
    try {
      days = DayRange.of(from, to, null, null);
    } catch (Invalid e) {
      errors.addAll(e.errors());
    }
    Long doctor = null;
    if (doctorId != null && !doctorId.isBlank()) {
      try {
        doctor = Long.parseLong(doctorId.strip());
        if (doctor < 1) {
          errors.add(new Invalid.FieldError("doctor_id", "must be a positive whole number"));
        }
      } catch (NumberFormatException e) {
        errors.add(new Invalid.FieldError("doctor_id", "must be a positive whole number"));
      }
    }
    AuditAction what = null;
    if (action != null && !action.isBlank()) {
      try {
        what = AuditAction.valueOf(action.strip());
      } catch (IllegalArgumentException e) {
        errors.add(
            new Invalid.FieldError(
                "action", "must be one of " + Arrays.toString(AuditAction.values())));
      }
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new AuditQuery(days, doctor, what);
  }

  /** The same filters for other days. */
  public AuditQuery withDays(DayRange other) {
    return new AuditQuery(other, doctorId, action);
  }

  /** The filters, for the trail's own record of who searched for what. */
  String describe() {
    return "from="
        + (days.from() == null ? "" : days.from())
        + " to="
        + (days.to() == null ? "" : days.to())
        + " doctor_id="
        + (doctorId == null ? "" : doctorId)
        + " action="
        + (action == null ? "" : action);
  }
}
