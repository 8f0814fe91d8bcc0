package org.lungscan.scans.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images are kept without what could name a patient (Exif, XMP, comments, PNG text, trailing bytes)
 * and with exactly the same pixels; the size and SHA-256 recorded are those of the bytes kept.
 */
class StoredWithoutMetadataTest {

  private static final String PATIENT = "DOE^JANE";

  @TempDir Path root;

  private ImageStore store;
  private final ImageCheck check = new ImageCheck();

  @BeforeEach
  void openStore() throws IOException {
    store = new ImageStore(root);
  }

  @Test
  void keepsAJpegWithoutExifXmpCommentsThumbnailAndTrailingBytes() throws Exception {
    byte[] plain = TestImages.jpeg(TestImages.rgb(120, 80));
    byte[] upload = jpegWithMetadata(plain);
    assertTrue(contains(upload, PATIENT));

    byte[] kept = storeAndRead(upload);

    assertFalse(contains(kept, PATIENT), "the patient's name is gone");
    assertFalse(contains(kept, "http://ns.adobe.com/xap/1.0/"), "XMP is gone");
    List<Integer> markers = segmentMarkers(kept);
    assertFalse(markers.contains(0xE1), "APP1 (Exif, XMP): " + markers);
    assertFalse(markers.contains(0xED), "APP13: " + markers);
    assertFalse(markers.contains(0xFE), "COM: " + markers);
    assertTrue(markers.containsAll(List.of(0xE0, 0xE2, 0xEE)), "JFIF, ICC, Adobe: " + markers);
    assertEquals(16, segmentLength(kept, 0xE0), "JFIF without its thumbnail");
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD9}, tail(kept), "ends at the image's end");
    assertSamePixels(upload, kept);
  }

  @Test
  void keepsAProgressiveGreyJpegWithTheSamePixels() throws Exception {
    byte[] plain = TestImages.progressiveJpeg(TestImages.grey(90, 130));
    byte[] upload =
        TestImages.concat(
            TestImages.withSegmentAfterStart(plain, 0xE1, exif(PATIENT)), text("trailer"));

    byte[] kept = storeAndRead(upload);

    assertArrayEquals(plain, kept, "the encoder's own file, exactly");
    assertSamePixels(upload, kept);
  }

  @Test
  void keepsAPngWithoutTextExifTimePrivateChunksAndTrailingBytes() throws Exception {
    byte[] plain = TestImages.png(TestImages.rgba(120, 80));
    byte[] upload =
        TestImages.concat(
            insertBeforeImageData(
                plain,
                TestImages.pngChunk("gAMA", ByteBuffer.allocate(4).putInt(45455).array()),
                TestImages.pngChunk("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}),
                TestImages.pngChunk("iCCP", iccp(PATIENT + "'s monitor")),
                TestImages.pngChunk("tEXt", text("Patient\0" + PATIENT)),
                TestImages.pngChunk("zTXt", ztxt("Comment", "Patient " + PATIENT)),
                TestImages.pngChunk("iTXt", text("Author\0\0\0en\0\0" + PATIENT)),
                TestImages.pngChunk("eXIf", exifBody(PATIENT)),
                TestImages.pngChunk("tIME", new byte[] {0x07, (byte) 0xEA, 11, 30, 22, 41, 0}),
                TestImages.pngChunk("prVt", text(PATIENT))),
            text("trailing " + PATIENT));

    byte[] kept = storeAndRead(upload);

    List<String> expected = new ArrayList<>(chunkNames(plain));
    expected.addAll(1, List.of("gAMA", "pHYs", "iCCP"));
    assertEquals(expected, chunkNames(kept), "chunks kept");
    assertFalse(contains(kept, PATIENT), "the patient's name is gone, from the profile name too");
    assertTrue(contains(kept, "ICC profile"));
    assertSamePixels(upload, kept);
  }

  @Test
  void recordsTheSizeAndHashOfTheBytesKept() throws Exception {
    byte[] upload =
        TestImages.concat(TestImages.png(TestImages.grey(40, 30)), text("trailing bytes"));

    StoredImage stored = store(upload);

    byte[] kept = Files.readAllBytes(store.pathOf(stored.key()));
    assertNotEquals(upload.length, kept.length);
    assertEquals(kept.length, stored.sizeBytes());
    assertEquals(TestImages.sha256(kept), stored.sha256());
    assertEquals(List.of(store.pathOf(stored.key())), filesUnder(root));
  }

  // ---- storing ----

  private StoredImage store(byte[] upload) throws Exception {
    try (PendingImage pending = store.receive(new ByteArrayInputStream(upload), 1 << 24)) {
      return store.commit(pending, check.check(pending.file()));
    }
  }

  /** Stores the upload, checks the kept bytes are what the record says, and reads them back. */
  private byte[] storeAndRead(byte[] upload) throws Exception {
    StoredImage stored = store(upload);
    byte[] kept;
    try (InputStream in = store.openVerified(stored.key(), stored.sha256())) {
      kept = in.readAllBytes();
    }
    assertEquals(kept.length, stored.sizeBytes());
    assertEquals(TestImages.sha256(kept), stored.sha256());
    assertEquals(
        new ImageFacts(stored.contentType(), stored.width(), stored.height()),
        check.check(TestImages.write(root, "kept", kept)),
        "the kept file passes the upload check too");
    return kept;
  }

  private static void assertSamePixels(byte[] upload, byte[] kept) throws IOException {
    BufferedImage before = ImageIO.read(new ByteArrayInputStream(upload));
    BufferedImage after = ImageIO.read(new ByteArrayInputStream(kept));
    assertEquals(before.getWidth(), after.getWidth());
    assertEquals(before.getHeight(), after.getHeight());
    assertArrayEquals(
        before.getRaster().getPixels(0, 0, before.getWidth(), before.getHeight(), (int[]) null),
        after.getRaster().getPixels(0, 0, after.getWidth(), after.getHeight(), (int[]) null));
    assertEquals(before.getColorModel(), after.getColorModel());
  }

  // ---- JPEG with metadata ----

  private static byte[] jpegWithMetadata(byte[] jpeg) {
    byte[] withThumbnail = replaceJfifWithOneHoldingAThumbnail(jpeg);
    byte[] withSegments = withThumbnail;
    // Inserted right after SOI one by one: they end up in the reverse order.
    withSegments = TestImages.withSegmentAfterStart(withSegments, 0xFE, text("Patient " + PATIENT));
    withSegments =
        TestImages.withSegmentAfterStart(
            withSegments, 0xED, text("Photoshop 3.0\08BIM name " + PATIENT));
    withSegments =
        TestImages.withSegmentAfterStart(
            withSegments, 0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 1});
    withSegments =
        TestImages.withSegmentAfterStart(
            withSegments,
            0xE2,
            TestImages.concat(text("ICC_PROFILE\0"), new byte[] {1, 1}, srgb()));
    withSegments =
        TestImages.withSegmentAfterStart(
            withSegments,
            0xE1,
            text("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + PATIENT + "</x:xmpmeta>"));
    withSegments = TestImages.withSegmentAfterStart(withSegments, 0xE1, exif(PATIENT));
    // JFIF must come first: move it back in front.
    int jfifLength = segmentLength(withThumbnail, 0xE0) + 2;
    byte[] jfif = Arrays.copyOfRange(withThumbnail, 2, 2 + jfifLength);
    byte[] rest = removeSegment(withSegments, 0xE0);
    return TestImages.concat(
        Arrays.copyOf(rest, 2),
        jfif,
        Arrays.copyOfRange(rest, 2, rest.length),
        TestImages.jpeg(TestImages.grey(8, 8)),
        text(PATIENT));
  }

  private static byte[] replaceJfifWithOneHoldingAThumbnail(byte[] jpeg) {
    byte[] jfif =
        TestImages.concat(
            text("JFIF\0"),
            new byte[] {1, 2, 0, 0, 1, 0, 1, 2, 1},
            new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0});
    return TestImages.withSegmentAfterStart(removeSegment(jpeg, 0xE0), 0xE0, jfif);
  }

  private static byte[] exif(String name) {
    return TestImages.concat(text("Exif\0\0"), exifBody(name));
  }

  /** A little-endian TIFF header and one IFD entry: Artist (0x013B), ASCII. */
  private static byte[] exifBody(String name) {
    byte[] value = (name + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer tiff =
        ByteBuffer.allocate(26 + value.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x013B).putShort((short) 2).putInt(value.length);
    tiff.putInt(26).putInt(0).put(value);
    return tiff.array();
  }

  private static byte[] srgb() {
    return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
  }

  private static byte[] removeSegment(byte[] jpeg, int marker) {
    int at = 2;
    while ((jpeg[at + 1] & 0xFF) != marker) {
      at += 2 + length(jpeg, at);
    }
    return TestImages.concat(
        Arrays.copyOf(jpeg, at), Arrays.copyOfRange(jpeg, at + 2 + length(jpeg, at), jpeg.length));
  }

  /** The markers of the segments before the first scan, in order. */
  private static List<Integer> segmentMarkers(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int at = 2;
    while ((jpeg[at + 1] & 0xFF) != 0xDA) {
      markers.add(jpeg[at + 1] & 0xFF);
      at += 2 + length(jpeg, at);
    }
    return markers;
  }

  private static int segmentLength(byte[] jpeg, int marker) {
    int at = 2;
    while ((jpeg[at + 1] & 0xFF) != marker) {
      at += 2 + length(jpeg, at);
    }
    return length(jpeg, at);
  }

  private static int length(byte[] jpeg, int at) {
    return ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
  }

  // ---- PNG with metadata ----

  private static byte[] insertBeforeImageData(byte[] png, byte[]... chunks) {
    int at = TestImages.chunkOffset(png, "IDAT");
    return TestImages.concat(
        Arrays.copyOf(png, at), TestImages.concat(chunks), Arrays.copyOfRange(png, at, png.length));
  }

  private static byte[] iccp(String name) throws IOException {
    return TestImages.concat(text(name + "\0"), new byte[] {0}, deflate(srgb()));
  }

  private static byte[] ztxt(String keyword, String value) throws IOException {
    return TestImages.concat(text(keyword + "\0"), new byte[] {0}, deflate(text(value)));
  }

  private static byte[] deflate(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
      deflater.write(bytes);
    }
    return out.toByteArray();
  }

  private static List<String> chunkNames(byte[] png) {
    List<String> names = new ArrayList<>();
    int at = 8;
    while (at < png.length) {
      names.add(new String(png, at + 4, 4, StandardCharsets.US_ASCII));
      at += 12 + ByteBuffer.wrap(png, at, 4).getInt();
    }
    return names;
  }

  // ---- bytes ----

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] bytes, String text) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
  }

  private static byte[] tail(byte[] bytes) {
    return Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length);
  }

  private static List<Path> filesUnder(Path directory) throws IOException {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
