package org.lungscan.platform;

import java.util.Optional;

/** The request clashes with what is already there, such as an email already registered. */
public class Conflict extends RuntimeException {

  private final String field;

  public Conflict(String message) {
    this(null, message);
  }

  /** A clash with the value of one field, which the pages show the message beside. */
  public Conflict(String field, String message) {
    super(message);
    this.field = field;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
