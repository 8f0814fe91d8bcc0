package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodeTest {

  private static final int SCALE = 4;

  @Test
  void theImageReadsBackAsTheOtpauthUri() throws Exception {
    String uri = SecondFactor.uri("dr.ada+lung@hospital.test", Totp.base32(Totp.newSecret()));
    String dataUri = QrCode.svgDataUri(uri);
    assertTrue(dataUri.startsWith("data:image/svg+xml;base64,"));
    String svg =
        new String(
            Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)),
            StandardCharsets.UTF_8);

    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertTrue(box.find(), svg);
    int width = Integer.parseInt(box.group(1));
    int height = Integer.parseInt(box.group(2));
    int[] pixels = new int[width * SCALE * height * SCALE];
    java.util.Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    while (module.find()) {
      int x = Integer.parseInt(module.group(1));
      int y = Integer.parseInt(module.group(2));
      for (int dy = 0; dy < SCALE; dy++) {
        for (int dx = 0; dx < SCALE; dx++) {
          pixels[(y * SCALE + dy) * width * SCALE + x * SCALE + dx] = 0xFF000000;
        }
      }
    }
    var source = new RGBLuminanceSource(width * SCALE, height * SCALE, pixels);
    String read =
        new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    assertEquals(uri, read);
    assertTrue(
        read.startsWith("otpauth://totp/LungScan%3Adr.ada%2Blung%40hospital.test?secret="), read);
  }
}
