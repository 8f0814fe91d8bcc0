package org.lungscan.reports;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays a report out on A4 pages as PDF/A-2b: fonts embedded (DejaVu Sans subsets), an sRGB output
 * intent, XMP metadata naming the conformance, a document id; page numbers and the generation time
 * on every page. Not thread-safe: one instance per report.
 */
final class PdfReport {

  static final String NOT_A_DIAGNOSIS =
      "The prediction alone is not a diagnosis. It is the output of a software model, to be read"
          + " by a qualified doctor together with the patient's history, other findings and"
          + " further examinations.";
  static final String NOT_REVIEWED = "Not reviewed";

  private static final float MARGIN = 50;
  private static final float FOOTER = 40;
  private static final float BODY = 10;
  private static final float LEADING = 14;
  private static final float IMAGE_SIZE = 220;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PDDocument document = new PDDocument();
  private final PDType0Font regular;
  private final PDType0Font bold;
  private final Instant generatedAt;
  private final String title;
  private PDPageContentStream page;
  private float y;

  PdfReport(String title, Instant generatedAt) {
    this.title = title;
    this.generatedAt = generatedAt.truncatedTo(ChronoUnit.SECONDS);
    try {
      regular = font("DejaVuSans.ttf");
      bold = font("DejaVuSans-Bold.ttf");
    } catch (IOException e) {
      throw new UncheckedIOException("the report's fonts cannot be read", e);
    }
  }

  /** The report's bytes, with everything written so far. */
  static byte[] write(String title, Instant generatedAt, Content content) {
    PdfReport report = new PdfReport(title, generatedAt);
    try (PDDocument closing = report.document) {
      report.newPage();
      content.writeTo(report);
      return report.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("the report could not be written", e);
    }
  }

  /** What goes into a report, in order. */
  @FunctionalInterface
  interface Content {
    void writeTo(PdfReport report) throws IOException;
  }

  void heading(String text, float size) throws IOException {
    room(size + LEADING);
    y -= size + 4;
    text(bold, size, MARGIN, y, text);
    y -= 6;
  }

  /** A label in bold and its value, wrapped across the page's width. */
  void field(String label, String value) throws IOException {
    String shown = label + ": ";
    float labelWidth = width(bold, BODY, shown);
    List<String> lines = wrap(regular, BODY, value, contentWidth() - labelWidth);
    room(LEADING * lines.size());
    for (int i = 0; i < lines.size(); i++) {
      y -= LEADING;
      if (i == 0) {
        text(bold, BODY, MARGIN, y, shown);
      }
      text(regular, BODY, MARGIN + labelWidth, y, lines.get(i));
    }
  }

  void paragraph(String value) throws IOException {
    for (String line : wrap(regular, BODY, value, contentWidth())) {
      room(LEADING);
      y -= LEADING;
      text(regular, BODY, MARGIN, y, line);
    }
  }

  void gap() {
    y -= LEADING / 2;
  }

  /** The notice that the prediction is not a diagnosis, in bold. */
  void notice() throws IOException {
    List<String> lines = wrap(bold, BODY, NOT_A_DIAGNOSIS, contentWidth());
    room(LEADING * lines.size());
    for (String line : lines) {
      y -= LEADING;
      text(bold, BODY, MARGIN, y, line);
    }
  }

  /** A PNG, fitted within a square of {@value #IMAGE_SIZE} pt, and its caption under it. */
  void picture(ScanSection.Picture picture) throws IOException {
    PDImageXObject image = PDImageXObject.createFromByteArray(document, picture.png(), "scan");
    float scale = Math.min(IMAGE_SIZE / image.getWidth(), IMAGE_SIZE / image.getHeight());
    float w = image.getWidth() * scale;
    float h = image.getHeight() * scale;
    room(h + 2 * LEADING);
    y -= h + 4;
    page.drawImage(image, MARGIN, y, w, h);
    for (String line : wrap(regular, BODY - 1, picture.caption(), contentWidth())) {
      y -= LEADING - 2;
      text(regular, BODY - 1, MARGIN, y, line);
    }
  }

  /** Probabilities as "label 93.4%" rows. */
  void probabilities(Map<String, Double> byLabel) throws IOException {
    for (Map.Entry<String, Double> entry : byLabel.entrySet()) {
      room(LEADING);
      y -= LEADING;
      text(regular, BODY, MARGIN + 12, y, entry.getKey());
      text(regular, BODY, MARGIN + 180, y, percent(entry.getValue()));
    }
  }

  /** One decimal; never rounded up to 100% or down to 0% when it is not exactly that. */
  static String percent(double p) {
    if (p > 0.999 && p < 1) {
      return "> 99.9%";
    }
    if (p > 0 && p < 0.001) {
      return "< 0.1%";
    }
    return String.format(Locale.ROOT, "%.1f%%", 100 * p);
  }

  static String time(Instant at) {
    return TIME.format(at);
  }

  /** Starts the next part on a new page unless this one is still empty. */
  void pageBreak() throws IOException {
    if (y < PDRectangle.A4.getHeight() - MARGIN - 1) {
      newPage();
    }
  }

  private void room(float needed) throws IOException {
    if (y - needed < MARGIN + FOOTER) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (page != null) {
      page.close();
    }
    PDPage next = new PDPage(PDRectangle.A4);
    document.addPage(next);
    page = new PDPageContentStream(document, next);
    y = PDRectangle.A4.getHeight() - MARGIN;
  }

  private byte[] finish() throws IOException {
    page.close();
    int count = document.getNumberOfPages();
    for (int i = 0; i < count; i++) {
      try (PDPageContentStream footer =
          new PDPageContentStream(
              document, document.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        String left = "LungScan report generated " + time(generatedAt);
        String right = "Page " + (i + 1) + " of " + count;
        write(footer, regular, 8, MARGIN, MARGIN / 2 + 8, left);
        write(
            footer,
            regular,
            8,
            PDRectangle.A4.getWidth() - MARGIN - width(regular, 8, right),
            MARGIN / 2 + 8,
            right);
        write(
            footer, regular, 8, MARGIN, MARGIN / 2 - 2, "The prediction alone is not a diagnosis.");
      }
    }
    archival();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  /** PDF/A-2b: the sRGB output intent, XMP metadata, document information and id. */
  private void archival() throws IOException {
    try (InputStream srgb =
        new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData())) {
      PDOutputIntent intent = new PDOutputIntent(document, srgb);
      intent.setInfo("sRGB IEC61966-2.1");
      intent.setOutputCondition("sRGB IEC61966-2.1");
      intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
      intent.setRegistryName("http://www.color.org");
      document.getDocumentCatalog().addOutputIntent(intent);
    }
    Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    created.setTimeInMillis(generatedAt.toEpochMilli());
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(title);
    info.setCreator("LungScan");
    info.setProducer("LungScan (Apache PDFBox)");
    info.setCreationDate(created);
    info.setModificationDate(created);
    PDMetadata metadata = new PDMetadata(document);
    metadata.importXMPMetadata(xmp().getBytes(StandardCharsets.UTF_8));
    document.getDocumentCatalog().setMetadata(metadata);
    byte[] id = documentId();
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private String xmp() {
    String at = DateTimeFormatter.ISO_INSTANT.format(generatedAt);
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
        + "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
        + "</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        + "<dc:format>application/pdf</dc:format>\n"
        + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
        + escapeXml(title)
        + "</rdf:li></rdf:Alt></dc:title>\n"
        + "</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
        + "<xmp:CreatorTool>LungScan</xmp:CreatorTool>\n"
        + "<xmp:CreateDate>"
        + at
        + "</xmp:CreateDate>\n<xmp:ModifyDate>"
        + at
        + "</xmp:ModifyDate>\n"
        + "</rdf:Description>\n"
        + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        + "<pdf:Producer>LungScan (Apache PDFBox)</pdf:Producer>\n"
        + "</rdf:Description>\n"
        + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  }

  private byte[] documentId() {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((title + generatedAt).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private static String escapeXml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private float contentWidth() {
    return PDRectangle.A4.getWidth() - 2 * MARGIN;
  }

  private void text(PDType0Font font, float size, float x, float at, String text)
      throws IOException {
    write(page, font, size, x, at, text);
  }

  private static void write(
      PDPageContentStream stream, PDType0Font font, float size, float x, float y, String text)
      throws IOException {
    stream.beginText();
    stream.setFont(font, size);
    stream.newLineAtOffset(x, y);
    stream.showText(printable(font, text));
    stream.endText();
  }

  /** The text with characters the font cannot show replaced by '?' and controls by spaces. */
  static String printable(PDType0Font font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(' ');
                return;
              }
              String one = new String(Character.toChars(c));
              try {
                font.encode(one);
                out.append(one);
              } catch (IOException | IllegalArgumentException notInFont) {
                out.append('?');
              }
            });
    return out.toString();
  }

  private static float width(PDType0Font font, float size, String text) throws IOException {
    return font.getStringWidth(printable(font, text)) / 1000 * size;
  }

  /** Lines of at most {@code max} points; paragraphs kept, long words cut. */
  static List<String> wrap(PDType0Font font, float size, String text, float max)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (width(font, size, candidate) <= max) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        while (width(font, size, word) > max) {
          int cut = word.length() - 1;
          while (cut > 1 && width(font, size, word.substring(0, cut)) > max) {
            cut--;
          }
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private PDType0Font font(String file) throws IOException {
    try (InputStream in = PdfReport.class.getResourceAsStream("fonts/" + file)) {
      if (in == null) {
        throw new IOException("the WAR has no font " + file);
      }
      return PDType0Font.load(document, in, true);
    }
  }
}
