package org.lungscan.patients;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.Invalid.FieldError;

/**
 * A patient's details as a doctor typed them, checked: a name of 1 to 100 characters, an age from 0
 * to 130 (a number, or a numeric string), and a gender in any case.
 */
public record PatientDetails(String name, int age, Gender gender) {

  public static final int MAX_AGE = 130;

  /** Checks raw input from either door; every broken rule is reported with its field. */
  public static PatientDetails of(String name, Object age, String gender) {
    List<FieldError> errors = new ArrayList<>();
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty() || cleanName.length() > 100) {
      errors.add(new FieldError("name", "must be 1 to 100 characters"));
    }
    Integer cleanAge = parseAge(age);
    if (cleanAge == null) {
      errors.add(new FieldError("age", "must be a whole number between 0 and " + MAX_AGE));
    }
    Gender cleanGender = parseGender(gender);
    if (cleanGender == null) {
      errors.add(new FieldError("gender", "must be MALE, FEMALE or OTHER"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new PatientDetails(cleanName, cleanAge, cleanGender);
  }

  private static Integer parseAge(Object age) {
    try {
      BigDecimal value =
          age instanceof Number n
              ? new BigDecimal(n.toString())
              : age instanceof String s ? new BigDecimal(s.strip()) : null;
      if (value == null || value.stripTrailingZeros().scale() > 0) {
        return null;
      }
      int years = value.intValueExact();
      return years >= 0 && years <= MAX_AGE ? years : null;
    } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
      return null;
    }
  }

  private static Gender parseGender(String gender) {
    if (gender == null) {
      return null;
    }
    try {
      return Gender.valueOf(gender.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
