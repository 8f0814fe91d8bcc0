package org.lungscan.platform;

/** Which page of a list to show: 0-based page number and page size (1 to 200). */
public record PageRequest(int page, int size) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /** Checks the page and size a client asked for, as typed; absent values take the defaults. */
  public static PageRequest of(String page, String size) {
    int p = number("page", page, 0);
    int s = number("size", size, DEFAULT_SIZE);
    if (p < 0) {
      throw new Invalid("page", "must be 0 or more");
    }
    if (s < 1 || s > MAX_SIZE) {
      throw new Invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new PageRequest(p, s);
  }

  private static int number(String field, String text, int absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new Invalid(field, "must be a whole number");
    }
  }

  public int offset() {
    return Math.multiplyExact(page, size);
  }
}
