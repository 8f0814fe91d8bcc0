package org.lungscan.scans.images;

/**
 * A stored image's bytes no longer have the SHA-256 recorded when it was stored: the file was
 * changed or damaged on disk after it was kept, so it is neither served nor decoded.
 */
public class DamagedImageException extends Exception {

  private static final long serialVersionUID = 1L;

  DamagedImageException(String key) {
    super("The stored image " + key + " does not match the SHA-256 recorded when it was stored.");
  }
}
