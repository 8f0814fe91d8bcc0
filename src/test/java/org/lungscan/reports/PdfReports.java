package org.lungscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Checks on a report's PDF that PDFBox can make: its text, images, and PDF/A-2b structure. */
public final class PdfReports {

  private PdfReports() {}

  /** The text of every page, as PDFBox extracts it. */
  public static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** Number of images drawn on all pages together. */
  public static int images(byte[] pdf) throws IOException {
    int count = 0;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getXObjectNames()) {
          PDXObject object = resources.getXObject(name);
          if (object instanceof PDImageXObject image) {
            assertTrue(image.getWidth() > 0);
            count++;
          }
        }
      }
    }
    return count;
  }

  /**
   * The PDF/A-2b structure: an sRGB output intent with its ICC profile, XMP metadata naming part 2
   * conformance B, every font embedded, a document id, no encryption.
   */
  public static void assertArchival(byte[] pdf) throws IOException {
    assertTrue(new String(pdf, 0, 8, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertFalse(document.isEncrypted());
      var intents = document.getDocumentCatalog().getOutputIntents();
      assertEquals(1, intents.size());
      PDOutputIntent intent = intents.get(0);
      assertEquals("sRGB IEC61966-2.1", intent.getOutputConditionIdentifier());
      assertEquals(COSName.getPDFName("GTS_PDFA1"), intent.getCOSObject().getCOSName(COSName.S));
      assertNotNull(intent.getDestOutputIntent(), "the ICC profile is embedded");
      try (var profile = intent.getDestOutputIntent().createInputStream()) {
        assertTrue(profile.readAllBytes().length > 1000);
      }
      String xmp =
          new String(
              document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>"), xmp);
      assertTrue(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), xmp);
      assertNotNull(document.getDocument().getTrailer().getCOSArray(COSName.ID), "document id");
      int fonts = 0;
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
          fonts++;
        }
      }
      assertTrue(fonts > 0);
    }
  }

  /** Page {@code index} as a PNG under target/screenshots, to look at. */
  public static Path screenshot(byte[] pdf, int index, String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      ImageIO.write(new PDFRenderer(document).renderImageWithDPI(index, 80), "png", file.toFile());
    }
    return file;
  }
}
