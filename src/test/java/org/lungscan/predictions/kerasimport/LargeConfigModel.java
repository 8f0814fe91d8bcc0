package org.lungscan.predictions.kerasimport;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A Keras 3 {@code .keras} model whose configuration is larger than an HDF5 attribute may be in
 * compact storage (64 KB), as a MobileNetV2's is, and its outputs computed here in double precision
 * without Deeplearning4j.
 *
 * <p>It is written by this class, not by Keras: no Keras-written model of that size exists on the
 * build machines and none can be made there (no Python packages can be installed). The file follows
 * Keras 3.15's layout ({@code config.json} with its dtype policies, initializers and build configs,
 * {@code metadata.json}, {@code model.weights.h5} with {@code layers/<name>/vars/0, 1}).
 *
 * <p>The network: 12x12x1 image, Conv2D 4 filters 3x3 ReLU, Flatten, Dense 8 tanh, then {@link
 * #HIDDEN} Dense 8 tanh layers (near-identity kernels, so the signal survives the depth), then
 * Dense 3 softmax.
 */
final class LargeConfigModel {

  static final int SIZE = 12;
  static final int FILTERS = 4;
  static final int UNITS = 8;
  static final int CLASSES = 3;
  static final int HIDDEN = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random = new Random(20261201);
  private final float[][][][] kernel = new float[3][3][1][FILTERS];
  private final float[] convBias = new float[FILTERS];
  private final List<float[][]> denseKernels = new ArrayList<>();
  private final List<float[]> denseBiases = new ArrayList<>();
  private String configJson;

  LargeConfigModel() {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int f = 0; f < FILTERS; f++) {
          kernel[i][j][0][f] = uniform(0.6);
        }
      }
    }
    for (int f = 0; f < FILTERS; f++) {
      convBias[f] = uniform(0.1);
    }
    int flat = (SIZE - 2) * (SIZE - 2) * FILTERS;
    addDense(flat, UNITS, 0.15, false);
    for (int i = 0; i < HIDDEN; i++) {
      addDense(UNITS, UNITS, 0.08, true);
    }
    addDense(UNITS, CLASSES, 2.0, false);
  }

  private void addDense(int in, int out, double scale, boolean nearIdentity) {
    float[][] w = new float[in][out];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        w[i][o] = uniform(scale) + (nearIdentity && i == o ? 1.2f : 0f);
      }
    }
    float[] b = new float[out];
    for (int o = 0; o < out; o++) {
      b[o] = uniform(0.05);
    }
    denseKernels.add(w);
    denseBiases.add(b);
  }

  private float uniform(double scale) {
    return (float) ((random.nextDouble() * 2 - 1) * scale);
  }

  /** The configuration's size in bytes, as written into config.json. */
  int configBytes() {
    return config().getBytes(StandardCharsets.UTF_8).length;
  }

  /** Writes NAME.keras into {@code dir}. */
  Path write(Path dir, String name) throws IOException {
    Path weights = dir.resolve(name + ".weights.h5");
    writeWeights(weights);
    Path file = dir.resolve(name + ".keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      entry(zip, "metadata.json", "{\"keras_version\": \"3.15.1\", \"date_saved\": \"x\"}");
      entry(zip, "config.json", config());
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      Files.copy(weights, zip);
      zip.closeEntry();
    }
    Files.delete(weights);
    return file;
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** A batch of images, values 0..1, [batch][h][w] (one channel). */
  float[][][] images(int batch) {
    float[][][] images = new float[batch][SIZE][SIZE];
    Random pixels = new Random(7 + batch);
    for (float[][] image : images) {
      for (float[] row : image) {
        for (int x = 0; x < SIZE; x++) {
          row[x] = pixels.nextFloat();
        }
      }
    }
    return images;
  }

  /** The forward pass in double precision, written from the layers' definitions. */
  double[] expected(float[][] image) {
    int out = SIZE - 2;
    double[] flat = new double[out * out * FILTERS];
    for (int y = 0; y < out; y++) {
      for (int x = 0; x < out; x++) {
        for (int f = 0; f < FILTERS; f++) {
          double sum = convBias[f];
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
              sum += image[y + i][x + j] * kernel[i][j][0][f];
            }
          }
          flat[(y * out + x) * FILTERS + f] = Math.max(0, sum);
        }
      }
    }
    double[] values = flat;
    for (int layer = 0; layer < denseKernels.size(); layer++) {
      float[][] w = denseKernels.get(layer);
      float[] b = denseBiases.get(layer);
      double[] next = new double[b.length];
      for (int o = 0; o < b.length; o++) {
        double sum = b[o];
        for (int i = 0; i < values.length; i++) {
          sum += values[i] * w[i][o];
        }
        next[o] = sum;
      }
      values = layer == denseKernels.size() - 1 ? softmax(next) : tanh(next);
    }
    return values;
  }

  private static double[] tanh(double[] values) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Math.tanh(values[i]);
    }
    return result;
  }

  private static double[] softmax(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double total = 0;
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Math.exp(values[i] - max);
      total += result[i];
    }
    for (int i = 0; i < values.length; i++) {
      result[i] /= total;
    }
    return result;
  }

  private String config() {
    if (configJson != null) {
      return configJson;
    }
    ObjectNode model = JSON.createObjectNode();
    model.put("module", "keras");
    model.put("class_name", "Sequential");
    ObjectNode config = model.putObject("config");
    config.put("name", "large_config");
    config.put("trainable", true);
    config.set("dtype", policy());
    ArrayNode layers = config.putArray("layers");
    ObjectNode input = layer("InputLayer", null);
    ObjectNode inputConfig = input.putObject("config");
    shape(inputConfig.putArray("batch_shape"), SIZE, SIZE, 1);
    inputConfig.put("dtype", "float32");
    inputConfig.put("sparse", false);
    inputConfig.put("ragged", false);
    inputConfig.put("name", "input_layer");
    inputConfig.put("optional", false);
    layers.add(input);
    ObjectNode conv = layer("Conv2D", "conv2d");
    ObjectNode c = (ObjectNode) conv.get("config");
    c.put("filters", FILTERS);
    pair(c.putArray("kernel_size"), 3, 3);
    pair(c.putArray("strides"), 1, 1);
    c.put("padding", "valid");
    c.put("data_format", "channels_last");
    pair(c.putArray("dilation_rate"), 1, 1);
    c.put("groups", 1);
    c.put("activation", "relu");
    c.put("use_bias", true);
    initializers(c);
    c.putNull("activity_regularizer");
    buildShape(conv, SIZE, SIZE, 1);
    layers.add(conv);
    ObjectNode flatten = layer("Flatten", "flatten");
    ((ObjectNode) flatten.get("config")).put("data_format", "channels_last");
    buildShape(flatten, SIZE - 2, SIZE - 2, FILTERS);
    layers.add(flatten);
    for (int i = 0; i < denseKernels.size(); i++) {
      boolean last = i == denseKernels.size() - 1;
      ObjectNode dense = layer("Dense", i == 0 ? "dense" : "dense_" + i);
      ObjectNode d = (ObjectNode) dense.get("config");
      d.put("units", denseBiases.get(i).length);
      d.put("activation", last ? "softmax" : "tanh");
      d.put("use_bias", true);
      initializers(d);
      d.putNull("quantization_config");
      buildShape(dense, denseKernels.get(i).length);
      layers.add(dense);
    }
    shape(config.putArray("build_input_shape"), SIZE, SIZE, 1);
    model.putNull("registered_name");
    shape(model.putObject("build_config").putArray("input_shape"), SIZE, SIZE, 1);
    model.putObject("compile_config");
    configJson = model.toString();
    return configJson;
  }

  private static ObjectNode layer(String className, String name) {
    ObjectNode layer = JSON.createObjectNode();
    layer.put("module", "keras.layers");
    layer.put("class_name", className);
    if (name != null) {
      ObjectNode config = layer.putObject("config");
      config.put("name", name);
      config.put("trainable", true);
      config.set("dtype", policy());
    }
    layer.putNull("registered_name");
    return layer;
  }

  private static ObjectNode policy() {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("module", "keras");
    policy.put("class_name", "DTypePolicy");
    policy.putObject("config").put("name", "float32");
    policy.putNull("registered_name");
    return policy;
  }

  private static void initializers(ObjectNode config) {
    ObjectNode kernel = config.putObject("kernel_initializer");
    kernel.put("module", "keras.initializers");
    kernel.put("class_name", "GlorotUniform");
    ObjectNode kernelConfig = kernel.putObject("config");
    kernelConfig.putNull("seed");
    kernelConfig.putNull("input_axes");
    kernelConfig.putNull("output_axes");
    kernel.putNull("registered_name");
    ObjectNode bias = config.putObject("bias_initializer");
    bias.put("module", "keras.initializers");
    bias.put("class_name", "Zeros");
    bias.putObject("config");
    bias.putNull("registered_name");
    config.putNull("kernel_regularizer");
    config.putNull("bias_regularizer");
    config.putNull("kernel_constraint");
    config.putNull("bias_constraint");
  }

  private static void buildShape(ObjectNode layer, int... dims) {
    shape(layer.putObject("build_config").putArray("input_shape"), dims);
  }

  /** A shape with the batch dimension first (null: any batch size). */
  private static void shape(ArrayNode array, int... dims) {
    array.addNull();
    pair(array, dims);
  }

  private static void pair(ArrayNode array, int... dims) {
    for (int d : dims) {
      array.add(d);
    }
  }

  private void writeWeights(Path target) {
    synchronized (Hdf5Archive.LOCK_OBJECT) {
      H5File file = new H5File(target.toString(), H5F_ACC_TRUNC());
      try {
        Group layers = file.createGroup("layers");
        layers.deallocate();
        float[] convKernel = new float[3 * 3 * FILTERS];
        int k = 0;
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            for (int f = 0; f < FILTERS; f++) {
              convKernel[k++] = kernel[i][j][0][f];
            }
          }
        }
        writeVars(file, "conv2d", convKernel, new long[] {3, 3, 1, FILTERS}, convBias);
        for (int i = 0; i < denseKernels.size(); i++) {
          float[][] w = denseKernels.get(i);
          float[] values = new float[w.length * w[0].length];
          for (int r = 0; r < w.length; r++) {
            System.arraycopy(w[r], 0, values, r * w[0].length, w[0].length);
          }
          writeVars(
              file,
              i == 0 ? "dense" : "dense_" + i,
              values,
              new long[] {w.length, w[0].length},
              denseBiases.get(i));
        }
      } finally {
        file._close();
        file.deallocate();
      }
    }
  }

  private static void writeVars(
      H5File file, String layer, float[] kernel, long[] shape, float[] b) {
    Group group = file.createGroup("layers/" + layer);
    group.deallocate();
    Group vars = file.createGroup("layers/" + layer + "/vars");
    try {
      writeFloats(vars, "0", kernel, shape);
      writeFloats(vars, "1", b, new long[] {b.length});
    } finally {
      vars.deallocate();
    }
  }

  private static void writeFloats(Group group, String name, float[] values, long[] shape) {
    DataSpace space = new DataSpace(shape.length, shape);
    DataType fileFloat = new DataType(PredType.IEEE_F32LE());
    DataType nativeFloat = new DataType(PredType.NATIVE_FLOAT());
    DataSet dataset = group.createDataSet(name, fileFloat, space);
    FloatPointer buffer = new FloatPointer(values);
    try {
      dataset.write(buffer, nativeFloat);
    } finally {
      buffer.deallocate();
      dataset.deallocate();
      space.deallocate();
      nativeFloat.deallocate();
      fileFloat.deallocate();
    }
  }
}
