package org.lungscan.predictions.kerasimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model whose configuration is over 64 KB (as a Keras 3 MobileNetV2's is) imports, and computes
 * what an independent forward pass computes within 1e-4. Before dense attribute storage the
 * rewritten file could not be written ("H5Acreate2 failed").
 */
class LargeConfigImportTest {

  @TempDir Path dir;

  @Test
  void modelWithConfigurationOver64KbImportsAndMatches() throws Exception {
    LargeConfigModel source = new LargeConfigModel();
    assertTrue(source.configBytes() > 64 * 1024, "config is " + source.configBytes() + " bytes");
    Path file = source.write(dir, "large_config");
    assertTrue(
        rewrittenConfigBytes(file) > 64 * 1024,
        "the Keras 2 config written for Deeplearning4j must be over 64 KB too");

    ImportedModel model = ModelImporter.importModel(file);

    assertEquals("12x12x1", model.inputShape().toString());
    float[][][] images = source.images(4);
    INDArray batch = Nd4j.create(DataType.FLOAT, images.length, 12, 12, 1);
    for (int n = 0; n < images.length; n++) {
      for (int y = 0; y < 12; y++) {
        for (int x = 0; x < 12; x++) {
          batch.putScalar(new long[] {n, y, x, 0}, images[n][y][x]);
        }
      }
    }
    INDArray output = model.output(batch)[0];
    assertArrayEquals(new long[] {4, LargeConfigModel.CLASSES}, output.shape());
    double spread = 0;
    for (int n = 0; n < images.length; n++) {
      double[] expected = source.expected(images[n]);
      for (int c = 0; c < expected.length; c++) {
        assertEquals(expected[c], output.getDouble(n, c), 1e-4, "image " + n + " class " + c);
        spread = Math.max(spread, Math.abs(expected[c] - source.expected(images[0])[c]));
      }
    }
    assertTrue(spread > 1e-3, "the images must give different outputs, or a wrong import hides");
  }

  private int rewrittenConfigBytes(Path file) throws Exception {
    ModelSpec spec = ModelSource.detect(file).read(dir);
    ModelRewrites.apply(spec);
    return Keras2ConfigWriter.toParts(spec).configJson().getBytes(StandardCharsets.UTF_8).length;
  }
}
