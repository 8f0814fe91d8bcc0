package org.lungscan.scans.images;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The names images are stored under: 128 random bits as 32 lowercase hex digits. */
final class ImageKeys {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
  private static final int RANDOM_BYTES = 16;

  private ImageKeys() {}

  static String newKey(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static boolean isValid(String key) {
    return key != null && FORMAT.matcher(key).matches();
  }

  /** Only a well-formed key ever becomes part of a path; anything else is refused here. */
  static String requireValid(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException("Not an image key.");
    }
    return key;
  }

  static String shardOf(String key) {
    return key.substring(0, 2);
  }
}
