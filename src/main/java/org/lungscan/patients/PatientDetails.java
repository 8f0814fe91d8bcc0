package org.lungscan.patients;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A patient's details as a doctor gave them: a name of 1 to 100 characters, an age from 0 to 130,
 * and a gender. The rules are checked where the details enter {@link PatientService}.
 */
public record PatientDetails(
    @NotBlank(message = PatientDetails.NAME_RULE)
        @Size(max = 100, message = PatientDetails.NAME_RULE)
        String name,
    @NotNull(message = PatientDetails.AGE_RULE)
        @Min(value = 0, message = PatientDetails.AGE_RULE)
        @Max(value = PatientDetails.MAX_AGE, message = PatientDetails.AGE_RULE)
        Integer age,
    @NotNull(message = PatientDetails.GENDER_RULE) Gender gender) {

  public static final int MAX_AGE = 130;
  static final String NAME_RULE = "must be 1 to 100 characters";
  static final String AGE_RULE = "must be a whole number between 0 and " + MAX_AGE;
  static final String GENDER_RULE = "must be MALE, FEMALE or OTHER";

  /**
   * Reads what either door received: the name without surrounding spaces, an age given as a number
   * or a numeric string, a gender in any case. What cannot be read is left empty, for the rules to
   * refuse.
   */
  public static PatientDetails of(String name, Object age, String gender) {
    return new PatientDetails(name == null ? null : name.strip(), years(age), gender(gender));
  }

  private static Integer years(Object age) {
    try {
      BigDecimal value =
          age instanceof Number n
              ? new BigDecimal(n.toString())
              : age instanceof String s ? new BigDecimal(s.strip()) : null;
      return value == null ? null : value.intValueExact();
    } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
      return null;
    }
  }

  private static Gender gender(String gender) {
    try {
      return gender == null ? null : Gender.valueOf(gender.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
