package org.lungscan.platform;

import java.util.List;

/** The request breaks a rule; each broken rule names its field. */
public class Invalid extends RuntimeException {

  /** One broken rule: which field, and what is wrong with it in plain words. */
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

  public List<FieldError> errors() {
    return errors;
  }
}
