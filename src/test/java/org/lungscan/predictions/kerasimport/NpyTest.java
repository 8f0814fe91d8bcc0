package org.lungscan.predictions.kerasimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

  @TempDir Path dir;

  @Test
  void float32ArrayRoundTrips() throws IOException {
    INDArray original = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 1);
    Path file = dir.resolve("batch.npy");

    Npy.write(file, original);
    INDArray read = Npy.read(file);

    assertEquals(DataType.FLOAT, read.dataType());
    assertArrayEquals(original.shape(), read.shape());
    assertEquals(original, read);
  }

  @Test
  void float64VectorRoundTrips() throws IOException {
    INDArray original =
        Nd4j.create(new double[] {1.5, -2.25, 1e-300, Double.MAX_VALUE}, new long[] {4}, 'c');
    Path file = dir.resolve("vector.npy");

    Npy.write(file, original);
    INDArray read = Npy.read(file);

    assertEquals(DataType.DOUBLE, read.dataType());
    assertArrayEquals(new long[] {4}, read.shape());
    assertEquals(original, read);
  }

  @Test
  void viewsAreWrittenInCOrder() throws IOException {
    INDArray transposed =
        Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c').transpose();
    Path file = dir.resolve("view.npy");

    Npy.write(file, transposed);

    assertEquals(transposed, Npy.read(file));
  }

  @Test
  void headerIsVersion1AlignedTo64Bytes() throws IOException {
    Path file = dir.resolve("header.npy");
    Npy.write(file, Nd4j.zeros(DataType.FLOAT, 3, 2));

    byte[] bytes = Files.readAllBytes(file);
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);

    assertEquals(1, bytes[6]);
    assertEquals(0, (10 + headerLength) % 64);
    assertTrue(
        header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header);
    assertTrue(header.endsWith("\n"));
    assertEquals(10 + headerLength + 6 * Float.BYTES, bytes.length);
  }

  @Test
  void readsNumpyFilesOfTheCorpus() throws IOException {
    INDArray float64 = Npy.read(KerasCorpus.root().resolve("keras2/cnn_batch_norm.input.npy"));
    INDArray float32 = Npy.read(KerasCorpus.root().resolve("keras3/with_rescaling.input.npy"));

    assertEquals(DataType.DOUBLE, float64.dataType());
    assertEquals(4, float64.rank());
    assertEquals(DataType.FLOAT, float32.dataType());
    assertArrayEquals(new long[] {3, 64, 64, 1}, float32.shape());
    assertTrue(float32.maxNumber().doubleValue() > 1, "raw 0-255 pixel values");
  }

  @Test
  void refusesOtherElementTypes() throws IOException {
    Path file = dir.resolve("ints.npy");
    String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }";
    String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
    byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
    Files.write(file, concat(preamble, header.getBytes(StandardCharsets.ISO_8859_1), new byte[4]));

    IOException e = assertThrows(IOException.class, () -> Npy.read(file));

    assertTrue(e.getMessage().contains("<i4"), e.getMessage());
  }

  @Test
  void refusesFilesThatAreNotNpy() throws IOException {
    Path file = dir.resolve("text.npy");
    Files.writeString(file, "hello");

    assertThrows(IOException.class, () -> Npy.read(file));
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, offset, part.length);
      offset += part.length;
    }
    return all;
  }
}
