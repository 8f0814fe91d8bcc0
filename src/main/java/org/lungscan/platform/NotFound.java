package org.lungscan.platform;

/**
 * The resource does not exist, or belongs to another doctor: the two look the same from outside.
 */
public class NotFound extends RuntimeException {

  public NotFound(String what) {
    super(what + " not found");
  }
}
