package org.lungscan.platform;

/** The request's body is larger than the server accepts. */
public class TooLarge extends RuntimeException {

  public TooLarge(String message) {
    super(message);
  }
}
