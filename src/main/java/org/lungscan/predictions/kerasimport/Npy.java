package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} files holding little-endian float32 or float64 arrays in C
 * order (format versions 1.0, 2.0 and 3.0 are read; 1.0 is written, or 2.0 when the header needs
 * it).
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Reads a whole {@code .npy} file; the array keeps the file's element type (FLOAT or DOUBLE). */
  public static INDArray read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads one array from a stream positioned at an {@code .npy} header; {@code source} names it in
   * errors.
   */
  public static INDArray read(InputStream in, String source) throws IOException {
    String header = readHeader(in, source);
    DataType type = elementType(header, source);
    long[] shape = shape(header, source);
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    int elementSize = type == DataType.FLOAT ? Float.BYTES : Double.BYTES;
    byte[] data = in.readNBytes(Math.toIntExact(count * elementSize));
    if (data.length != count * elementSize) {
      throw new IOException(source + ": file ends before its " + count + " values");
    }
    return toArray(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), type, shape);
  }

  /** Writes a FLOAT array as {@code <f4}, anything else as {@code <f8}, in C order. */
  public static void write(Path file, INDArray array) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, array);
    }
  }

  /** Writes one array in {@code .npy} form to a stream (the stream stays open). */
  public static void write(OutputStream out, INDArray array) throws IOException {
    boolean asFloat = array.dataType() == DataType.FLOAT;
    out.write(headerBytes(asFloat ? "<f4" : "<f8", array.shape()));
    out.write(dataBytes(array, asFloat));
  }

  private static String readHeader(InputStream in, String source) throws IOException {
    byte[] preamble = in.readNBytes(MAGIC.length + 2);
    if (preamble.length < MAGIC.length + 2
        || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
      throw new IOException(source + " is not an .npy file");
    }
    int major = preamble[MAGIC.length];
    int lengthBytes = major == 1 ? 2 : 4;
    if (major < 1 || major > 3) {
      throw new IOException(source + ": unsupported .npy version " + major);
    }
    ByteBuffer length = ByteBuffer.wrap(in.readNBytes(lengthBytes)).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = lengthBytes == 2 ? Short.toUnsignedInt(length.getShort()) : length.getInt();
    byte[] header = in.readNBytes(headerLength);
    if (header.length != headerLength) {
      throw new IOException(source + ": truncated .npy header");
    }
    return new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  private static DataType elementType(String header, String source) throws IOException {
    if (matchOrFail(FORTRAN, header, source).equals("True")) {
      throw new IOException(source + ": Fortran-ordered arrays are not supported");
    }
    String descr = matchOrFail(DESCR, header, source);
    switch (descr) {
      case "<f4":
        return DataType.FLOAT;
      case "<f8":
        return DataType.DOUBLE;
      default:
        throw new IOException(
            source
                + ": element type "
                + descr
                + " is not supported (only little-endian float32 '<f4' and float64 '<f8')");
    }
  }

  private static long[] shape(String header, String source) throws IOException {
    String dims = matchOrFail(SHAPE, header, source).trim();
    if (dims.isEmpty()) {
      return new long[0];
    }
    return Arrays.stream(dims.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
  }

  private static String matchOrFail(Pattern pattern, String header, String source)
      throws IOException {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new IOException(source + ": malformed .npy header: " + header.trim());
    }
    return m.group(1);
  }

  private static INDArray toArray(ByteBuffer data, DataType type, long[] shape) {
    if (type == DataType.FLOAT) {
      float[] values = new float[data.remaining() / Float.BYTES];
      data.asFloatBuffer().get(values);
      return Nd4j.create(values, shape, 'c');
    }
    double[] values = new double[data.remaining() / Double.BYTES];
    data.asDoubleBuffer().get(values);
    return Nd4j.create(values, shape, 'c');
  }

  private static byte[] headerBytes(String descr, long[] shape) {
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeTuple(shape) + ", }";
    int lengthBytes = dict.length() + 1 + MAGIC.length + 2 + 2 > 65535 ? 4 : 2;
    int unpadded = MAGIC.length + 2 + lengthBytes + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String text = dict + " ".repeat(padding) + "\n";
    ByteBuffer header =
        ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + text.length())
            .order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).put((byte) (lengthBytes == 2 ? 1 : 2)).put((byte) 0);
    if (lengthBytes == 2) {
      header.putShort((short) text.length());
    } else {
      header.putInt(text.length());
    }
    header.put(text.getBytes(StandardCharsets.ISO_8859_1));
    return header.array();
  }

  private static String shapeTuple(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return tuple.append(')').toString();
  }

  private static byte[] dataBytes(INDArray array, boolean asFloat) {
    INDArray ordered = array.dup('c');
    if (asFloat) {
      float[] values = ordered.data().asFloat();
      ByteBuffer out =
          ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      out.asFloatBuffer().put(values);
      return out.array();
    }
    double[] values = ordered.data().asDouble();
    ByteBuffer out =
        ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    out.asDoubleBuffer().put(values);
    return out.array();
  }
}
