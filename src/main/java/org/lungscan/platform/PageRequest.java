package org.lungscan.platform;

/** Which page of a list to show: 0-based page number (up to a million) and page size (1 to 200). */
public record PageRequest(int page, int size) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  /** Far beyond any doctor's list, and small enough that the offset is always a valid number. */
  public static final int MAX_PAGE = 1_000_000;

  /** Checks the page and size a client asked for, as typed; absent values take the defaults. */
  public static PageRequest of(String page, String size) {
    long p = number("page", page, 0);
    long s = number("size", size, DEFAULT_SIZE);
    if (p < 0 || p > MAX_PAGE) {
      throw new Invalid("page", "must be between 0 and " + MAX_PAGE);
    }
    if (s < 1 || s > MAX_SIZE) {
      throw new Invalid("size", "must be between 1 and " + MAX_SIZE);
    }
    return new PageRequest((int) p, (int) s);
  }

  private static long number(String field, String text, int absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new Invalid(field, "must be a whole number");
    }
  }

  public int offset() {
    return Math.multiplyExact(page, size);
  }
}
