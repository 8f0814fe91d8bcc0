package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

  @Test
  void cellsASpreadsheetWouldRunAreDefused() {
    assertEquals("'=HYPERLINK(\"\"x\"\")", unquoted(AuditCsv.cell("=HYPERLINK(\"x\")")));
    assertEquals("'+1", AuditCsv.cell("+1"));
    assertEquals("'-2+3", AuditCsv.cell("-2+3"));
    assertEquals("'@SUM(A1)", AuditCsv.cell("@SUM(A1)"));
    assertEquals("'\tx", AuditCsv.cell("\tx"));
    assertEquals("\"'\rx\"", AuditCsv.cell("\rx"));
    assertEquals("a=b", AuditCsv.cell("a=b"));
    assertEquals("::1", AuditCsv.cell("::1"));
  }

  @Test
  void separatorsAndQuotesAreQuoted() {
    assertEquals("\"a,b\"", AuditCsv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", AuditCsv.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", AuditCsv.cell("two\nlines"));
    assertEquals("", AuditCsv.cell(null));
  }

  @Test
  void aRowHasTheHeadersColumnsInOrder() {
    StringWriter out = new StringWriter();
    AuditCsv csv = new AuditCsv(out);
    csv.header();
    csv.row(
        new AuditEntry(
            7,
            Instant.parse("2026-12-01T10:15:30.123456Z"),
            null,
            "SIGN_IN",
            "doctor",
            "=1+1",
            "FAILURE",
            "10.0.0.1"));
    assertEquals(
        "id,at,doctor_id,action,resource_type,resource_id,outcome,client_address\r\n"
            + "7,2026-12-01T10:15:30.123456Z,,SIGN_IN,doctor,'=1+1,FAILURE,10.0.0.1\r\n",
        out.toString());
  }

  private static String unquoted(String cell) {
    return cell.substring(1, cell.length() - 1);
  }
}
