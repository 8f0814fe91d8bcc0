package org.lungscan.platform;

/**
 * Data the server kept was found changed or damaged when it was read back (a stored image whose
 * bytes no longer have their recorded SHA-256): the server's fault, and one no retry mends.
 */
public class Damaged extends RuntimeException {

  public Damaged(String messageForUser) {
    super(messageForUser);
  }
}
