package org.lungscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PdfReportTest {

  private static final Instant AT = Instant.parse("2026-12-01T14:50:00Z");

  @Test
  void aReportHoldsEverythingAndIsArchivable() throws Exception {
    byte[] png = Files.readAllBytes(Path.of("models/reference/malignant_nodule-1.png"));
    Map<String, Double> probabilities = new LinkedHashMap<>();
    probabilities.put("normal", 0.01);
    probabilities.put("benign_nodule", 0.02);
    probabilities.put("malignant_nodule", 0.97);
    ScanSection section =
        new ScanSection(
            7,
            AT,
            12345,
            128,
            128,
            "ab".repeat(32),
            new ScanSection.Picture(png, "Scan of Ana Łukasiewicz-Ørsted uploaded today"),
            new ScanSection.Prediction(
                "malignant_nodule",
                0.97,
                probabilities,
                "lungscan-demo",
                "1.0.0",
                "Demonstration only; NOT for clinical use. ".repeat(6),
                AT),
            new ScanSection.Review(
                "benign_nodule",
                false,
                "Looks smooth \u2603 \uD83D\uDE00 to me.\nSecond line.",
                "Dr. Who",
                AT));
    byte[] pdf =
        PdfReport.write(
            "LungScan report of scan 7",
            AT,
            report -> {
              report.heading("LungScan report", 18);
              report.field("Name", "Ana Łukasiewicz-Ørsted");
              report.notice();
              for (int i = 0; i < 3; i++) {
                if (i > 0) {
                  report.pageBreak();
                }
                ReportLayout.scanPart(report, section);
              }
            });
    String text = PdfReports.text(pdf);
    assertTrue(text.contains("Ana Łukasiewicz-Ørsted"), text);
    assertTrue(text.contains("malignant_nodule"), text);
    assertTrue(text.contains("97.0%"), text);
    assertTrue(text.contains("1.0.0"), text);
    assertTrue(text.contains("disagrees"), text);
    assertTrue(text.contains("Page 1 of "), text);
    assertTrue(text.contains("2026-12-01 14:50 UTC"), text);
    assertTrue(text.replaceAll("\\s+", " ").contains(PdfReport.NOT_A_DIAGNOSIS), text);
    assertEquals(3, PdfReports.images(pdf));
    PdfReports.assertArchival(pdf);
    assertEquals("> 99.9%", PdfReport.percent(0.99997));
    assertEquals("< 0.1%", PdfReport.percent(0.00002));
    assertEquals("100.0%", PdfReport.percent(1));
    assertEquals("0.0%", PdfReport.percent(0));
    PdfReports.screenshot(pdf, 0, "report-unit-page1.png");
    double[] millis = new double[5];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      PdfReport.write("t", AT, report -> ReportLayout.scanPart(report, section));
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    java.util.logging.Logger.getLogger(PdfReportTest.class.getName())
        .info(
            String.format(
                java.util.Locale.ROOT,
                "one-scan PDF laid out and written (fonts loaded each time): median %.0f ms, %d"
                    + " bytes for three scans",
                millis[2],
                pdf.length));
    PdfReports.screenshot(pdf, 1, "report-unit-page2.png");
  }
}
