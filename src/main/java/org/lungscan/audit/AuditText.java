package org.lungscan.audit;

/**
 * Text as the trail stores it: whatever a client sent (an email of any length, say) fits its
 * column, so that recording an event never fails, and reads back exactly as it was hashed.
 */
final class AuditText {

  /** Marks text cut to fit its column. */
  static final String CUT = "\u2026";

  private AuditText() {}

  /**
   * The text, at most {@code columnLength} UTF-16 units (so at most that many characters on MySQL
   * too), ending in {@link #CUT} when it was longer. A lone surrogate, which no database column
   * keeps, becomes U+FFFD; a pair is never split.
   */
  static String fit(String text, int columnLength) {
    if (text == null) {
      return null;
    }
    String whole = wellFormed(text);
    if (whole.length() <= columnLength) {
      return whole;
    }
    int end = columnLength - CUT.length();
    if (Character.isHighSurrogate(whole.charAt(end - 1))) {
      end--;
    }
    return whole.substring(0, end) + CUT;
  }

  private static String wellFormed(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(i + 1))
              || Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(text.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        if (out == null) {
          out = new StringBuilder(text.substring(0, i));
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
