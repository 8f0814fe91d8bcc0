package org.lungscan.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The trail as CSV (RFC 4180, CRLF lines, a header row), safe to open in a spreadsheet: a cell that
 * starts with {@code = + - @}, a tab or a carriage return is written with a leading apostrophe so
 * that no spreadsheet reads it as a formula.
 */
public final class AuditCsv {

  public static final String MEDIA_TYPE = "text/csv";

  static final List<String> HEADER =
      List.of(
          "id",
          "at",
          "doctor_id",
          "action",
          "resource_type",
          "resource_id",
          "outcome",
          "client_address");

  private final Writer out;

  public AuditCsv(Writer out) {
    this.out = out;
  }

  public void header() {
    line(HEADER);
  }

  public void row(AuditEntry e) {
    line(
        java.util.Arrays.asList(
            Long.toString(e.id()),
            e.at().toString(),
            e.doctorId() == null ? "" : e.doctorId().toString(),
            e.action(),
            e.resourceType(),
            e.resourceId(),
            e.outcome(),
            e.clientAddress()));
  }

  private void line(List<String> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(cell(cells.get(i)));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One cell: defused if a spreadsheet would run it, quoted if it holds a separator or quote. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }
}
