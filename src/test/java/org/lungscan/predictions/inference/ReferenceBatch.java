package org.lungscan.predictions.inference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.lungscan.predictions.kerasimport.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shipped demo model and its reference batch ({@code models/reference/}): Keras' inputs and
 * outputs.
 */
final class ReferenceBatch {

  static final Path MODELS = Paths.get("models").toAbsolutePath();
  static final Path DEMO_MODEL = MODELS.resolve("lungscan-demo.h5");
  static final Path REFERENCE = MODELS.resolve("reference");

  private ReferenceBatch() {}

  static List<String> files() {
    try {
      return Files.readAllLines(REFERENCE.resolve("files.txt")).stream()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<BufferedImage> images() {
    List<BufferedImage> images = new ArrayList<>();
    for (String file : files()) {
      try {
        images.add(ImageIO.read(REFERENCE.resolve(file).toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return images;
  }

  /** float32 [6, 64, 64, 1]: what Keras was fed. */
  static INDArray input() throws IOException {
    return Npy.read(REFERENCE.resolve("input.npy"));
  }

  /** float32 [6, 3]: what Keras answered. */
  static INDArray expected() throws IOException {
    return Npy.read(REFERENCE.resolve("expected.npy"));
  }

  /** Row {@code i} of input.npy as a scan tensor. */
  static ScanTensor inputRow(INDArray input, int i) {
    long[] shape = input.shape();
    float[] values = input.slice(i).dup('c').data().asFloat();
    return ScanTensor.of((int) shape[1], (int) shape[2], (int) shape[3], values);
  }
}
