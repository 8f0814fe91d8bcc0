package org.lungscan.platform;

/** The request clashes with what is already there, such as an email already registered. */
public class Conflict extends RuntimeException {

  public Conflict(String message) {
    super(message);
  }
}
