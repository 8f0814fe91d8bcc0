package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.Invalid.FieldError;

/** The rules of a new account, as Bean Validation applies them for both doors. */
class NewAccountTest {

  private static final String GOOD_PASSWORD = "A perfectly fine passphrase";
  private static jakarta.validation.ValidatorFactory factory;
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
  void aGoodAccountBreaksNoRule() {
    assertEquals(List.of(), brokenRules(new NewAccount("Dr. A", "a@hospital.test", GOOD_PASSWORD)));
  }

  @Test
  void everyBrokenRuleIsNamedOnceInTheOrderOfTheFields() {
    assertEquals(
        List.of(
            new FieldError("name", "must be 1 to 100 characters"),
            new FieldError("email", "must be a valid email address"),
            new FieldError("password", "is required")),
        brokenRules(new NewAccount(" ".repeat(101), "x".repeat(300), null)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "blank name|'   '|a@hospital.test|A perfectly fine passphrase|name|must be 1 to 100 characters",
        "email without @|Dr. A|not-an-email|A perfectly fine passphrase|email|must be a valid email address",
        "email without domain|Dr. A|someone@|A perfectly fine passphrase|email|must be a valid email address",
        "email without top-level part|Dr. A|someone@hospital|A perfectly fine passphrase|email|must be a valid email address",
        "short password|Dr. A|a@hospital.test|Abcdefgh123|password|must be 12 to 128 characters long",
        "common password|Dr. A|a@hospital.test|password1234|password|is too common; choose one that is harder to guess"
      })
  void eachRuleSaysWhatIsWrong(
      String why, String name, String email, String password, String field, String message) {
    assertEquals(
        List.of(new FieldError(field, message)),
        brokenRules(new NewAccount(name, email, password)));
  }

  @Test
  void nameAndEmailAreKeptWithoutSurroundingSpaces() {
    NewAccount account = new NewAccount("  Dr. A ", " a@hospital.test ", GOOD_PASSWORD);
    assertEquals("Dr. A", account.name());
    assertEquals("a@hospital.test", account.email());
    assertEquals(
        List.of(),
        brokenRules(new NewAccount(" " + "n".repeat(100) + " ", "a@b.test", GOOD_PASSWORD)));
  }

  private static List<FieldError> brokenRules(NewAccount account) {
    var violations = validator.validate(account);
    return violations.isEmpty()
        ? List.of()
        : Invalid.from(new ConstraintViolationException(violations)).errors();
  }
}
