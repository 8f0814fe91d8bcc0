package org.lungscan.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.Invalid.FieldError;

/** A patient's details as either door reads them, and the rules Bean Validation applies. */
class PatientDetailsTest {

  private static final String AGE_RULE = "must be a whole number between 0 and 130";
  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void validator() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void readsTheNameWithoutSpacesAnAgeFromNumbersOrTextAndAGenderInAnyCase() {
    assertEquals(
        new PatientDetails("Ada", 37, Gender.OTHER), PatientDetails.of("  Ada ", "37", "other"));
    assertEquals(
        new PatientDetails("Ada", 37, Gender.FEMALE),
        PatientDetails.of("Ada", new BigDecimal("37.0"), "Female"));
    assertEquals(List.of(), brokenRules(PatientDetails.of("Ada", 130, "MALE")));
    assertEquals(List.of(), brokenRules(PatientDetails.of("Ada", 0, "MALE")));
  }

  static Stream<Arguments> brokenDetails() {
    return Stream.of(
        Arguments.of(
            "no name", PatientDetails.of(null, 30, "MALE"), "name", "must be 1 to 100 characters"),
        Arguments.of(
            "blank name",
            PatientDetails.of("  ", 30, "MALE"),
            "name",
            "must be 1 to 100 characters"),
        Arguments.of(
            "101 characters",
            PatientDetails.of("n".repeat(101), 30, "MALE"),
            "name",
            "must be 1 to 100 characters"),
        Arguments.of("no age", PatientDetails.of("X", null, "MALE"), "age", AGE_RULE),
        Arguments.of("negative age", PatientDetails.of("X", -1, "MALE"), "age", AGE_RULE),
        Arguments.of("age 131", PatientDetails.of("X", 131, "MALE"), "age", AGE_RULE),
        Arguments.of(
            "fractional age",
            PatientDetails.of("X", new BigDecimal("30.5"), "MALE"),
            "age",
            AGE_RULE),
        Arguments.of("age in words", PatientDetails.of("X", "thirty", "MALE"), "age", AGE_RULE),
        Arguments.of("age as boolean", PatientDetails.of("X", true, "MALE"), "age", AGE_RULE),
        Arguments.of("huge age", PatientDetails.of("X", "99999999999", "MALE"), "age", AGE_RULE),
        Arguments.of(
            "no gender",
            PatientDetails.of("X", 30, null),
            "gender",
            "must be MALE, FEMALE or OTHER"),
        Arguments.of(
            "unknown gender",
            PatientDetails.of("X", 30, "robot"),
            "gender",
            "must be MALE, FEMALE or OTHER"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDetails")
  void eachBrokenRuleNamesItsFieldOnce(
      String why, PatientDetails details, String field, String message) {
    assertEquals(List.of(new FieldError(field, message)), brokenRules(details));
  }

  @Test
  void severalBrokenRulesComeInTheOrderOfTheFields() {
    assertEquals(
        List.of("name", "age", "gender"),
        brokenRules(PatientDetails.of("", "x", "robot")).stream().map(FieldError::field).toList());
  }

  private static List<FieldError> brokenRules(PatientDetails details) {
    var violations = validator.validate(details);
    return violations.isEmpty()
        ? List.of()
        : Invalid.from(new ConstraintViolationException(violations)).errors();
  }
}
