package org.lungscan.scans.images;

/** The upload was larger than the server accepts; nothing of it was kept. */
public class FileTooLargeException extends UploadRefusedException {

  private static final long serialVersionUID = 1L;
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private final long maxBytes;

  public FileTooLargeException(long maxBytes) {
    super("The file is larger than the limit of " + readable(maxBytes) + ".");
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  private static String readable(long bytes) {
    if (bytes >= MIB) {
      return decimal(bytes, MIB) + " MB";
    }
    if (bytes >= KIB) {
      return decimal(bytes, KIB) + " KB";
    }
    return bytes + " bytes";
  }

  private static String decimal(long bytes, long unit) {
    String text = String.format(java.util.Locale.ROOT, "%.1f", (double) bytes / unit);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
