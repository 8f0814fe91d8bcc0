package org.lungscan.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The request breaks a rule; each broken rule names its field. */
public class Invalid extends RuntimeException {

  /**
   * One broken rule: which field (as the JSON door spells it), and what is wrong in plain words.
   */
  public record FieldError(String field, String message) {}

  private final List<FieldError> errors;

  public Invalid(List<FieldError> errors) {
    super(
        errors.isEmpty()
            ? "invalid request"
            : errors.get(0).field() + " " + errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public Invalid(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  /**
   * The rules Bean Validation found broken, each named by its field in snake_case (the last step of
   * its path), in the order a record declares its fields; a rule broken twice is named once.
   */
  public static Invalid from(ConstraintViolationException violations) {
    return new Invalid(
        violations.getConstraintViolations().stream()
            .sorted(
                Comparator.comparingInt(Invalid::declarationIndex).thenComparing(Invalid::field))
            .map(v -> new FieldError(field(v), v.getMessage()))
            .distinct()
            .toList());
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String field(ConstraintViolation<?> violation) {
    return lastName(violation).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static int declarationIndex(ConstraintViolation<?> violation) {
    Object bean = violation.getLeafBean();
    if (bean == null || !bean.getClass().isRecord()) {
      return Integer.MAX_VALUE;
    }
    List<String> components =
        Arrays.stream(bean.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
    int index = components.indexOf(lastName(violation));
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  private static String lastName(ConstraintViolation<?> violation) {
    String name = "";
    for (Path.Node node : violation.getPropertyPath()) {
      name = node.getName() == null ? name : node.getName();
    }
    return name;
  }
}
