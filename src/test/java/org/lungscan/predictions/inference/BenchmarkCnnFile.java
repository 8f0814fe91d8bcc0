package org.lungscan.predictions.inference;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * The benchmark's large model: a VGG-style CNN for 224x224x3 images (six 3x3 convolution blocks,
 * each with ReLU and BatchNormalization, channels doubling as the size halves; then global average
 * pooling and two dense layers), about 5.1 million parameters and 1.37 GFLOP per image, with seeded
 * random weights. Written as a Keras 2 functional model in Keras' {@code .h5} layout so that it
 * goes through the product's import path.
 */
final class BenchmarkCnnFile {

  private static final int[] FILTERS = {24, 48, 96, 192, 384, 768};
  private static final int SIZE = 224;
  private static final int DENSE_UNITS = 2048;
  private static final int CLASSES = 2;

  private final Random random = new Random(20250601L);
  private final JsonArrayBuilder layers = Json.createArrayBuilder();
  private final Map<String, List<Weight>> weights = new LinkedHashMap<>();
  private String previous = "input";

  private record Weight(String name, long[] shape, float[] values) {}

  private BenchmarkCnnFile() {}

  /** Writes the model to {@code file} (overwritten). */
  static void write(Path file) {
    BenchmarkCnnFile model = new BenchmarkCnnFile();
    model.build();
    model.save(file);
  }

  private void build() {
    layers.add(
        layer(
            "InputLayer",
            "input",
            Json.createObjectBuilder()
                .add(
                    "batch_input_shape",
                    Json.createArrayBuilder().addNull().add(SIZE).add(SIZE).add(3))
                .add("dtype", "float32")
                .add("sparse", false),
            false));
    int channels = 3;
    for (int block = 0; block < FILTERS.length; block++) {
      convolution("conv" + (block + 1), channels, FILTERS[block]);
      batchNormalization("bn" + (block + 1), FILTERS[block]);
      if (block < FILTERS.length - 1) {
        maxPooling("pool" + (block + 1));
      }
      channels = FILTERS[block];
    }
    add(
        "GlobalAveragePooling2D",
        "gap",
        Json.createObjectBuilder().add("data_format", "channels_last"));
    dense("fc", channels, DENSE_UNITS, "relu");
    add("Dropout", "dropout", Json.createObjectBuilder().add("rate", 0.3));
    dense("predictions", DENSE_UNITS, CLASSES, "softmax");
  }

  private void convolution(String name, int in, int out) {
    add(
        "Conv2D",
        name,
        Json.createObjectBuilder()
            .add("filters", out)
            .add("kernel_size", pair(3))
            .add("strides", pair(1))
            .add("padding", "same")
            .add("data_format", "channels_last")
            .add("dilation_rate", pair(1))
            .add("activation", "relu")
            .add("use_bias", true)
            .addAll(initializersAndNulls()));
    weights.put(
        name,
        List.of(
            heNormal("kernel", new long[] {3, 3, in, out}, 9L * in), constant("bias", out, 0f)));
  }

  private void batchNormalization(String name, int channels) {
    add(
        "BatchNormalization",
        name,
        Json.createObjectBuilder()
            .add("axis", -1)
            .add("momentum", 0.99)
            .add("epsilon", 0.001)
            .add("center", true)
            .add("scale", true)
            .add("beta_initializer", initializer("Zeros"))
            .add("gamma_initializer", initializer("Ones"))
            .add("moving_mean_initializer", initializer("Zeros"))
            .add("moving_variance_initializer", initializer("Ones"))
            .add("beta_regularizer", JsonValue.NULL)
            .add("gamma_regularizer", JsonValue.NULL)
            .add("beta_constraint", JsonValue.NULL)
            .add("gamma_constraint", JsonValue.NULL));
    weights.put(
        name,
        List.of(
            uniform("gamma", channels, 0.8f, 1.2f),
            uniform("beta", channels, -0.1f, 0.1f),
            uniform("moving_mean", channels, -0.1f, 0.1f),
            uniform("moving_variance", channels, 0.5f, 1.5f)));
  }

  private void maxPooling(String name) {
    add(
        "MaxPooling2D",
        name,
        Json.createObjectBuilder()
            .add("pool_size", pair(2))
            .add("padding", "valid")
            .add("strides", pair(2))
            .add("data_format", "channels_last"));
  }

  private void dense(String name, int in, int out, String activation) {
    add(
        "Dense",
        name,
        Json.createObjectBuilder()
            .add("units", out)
            .add("activation", activation)
            .add("use_bias", true)
            .addAll(initializersAndNulls()));
    weights.put(
        name, List.of(heNormal("kernel", new long[] {in, out}, in), constant("bias", out, 0f)));
  }

  private void add(String className, String name, JsonObjectBuilder config) {
    layers.add(layer(className, name, config, true));
    previous = name;
  }

  private JsonObject layer(
      String className, String name, JsonObjectBuilder config, boolean connected) {
    JsonArrayBuilder inbound = Json.createArrayBuilder();
    if (connected) {
      inbound.add(
          Json.createArrayBuilder()
              .add(
                  Json.createArrayBuilder()
                      .add(previous)
                      .add(0)
                      .add(0)
                      .add(JsonValue.EMPTY_JSON_OBJECT)));
    }
    return Json.createObjectBuilder()
        .add("name", name)
        .add("class_name", className)
        .add("config", config.add("name", name).add("trainable", true))
        .add("inbound_nodes", inbound)
        .build();
  }

  private String modelConfig() {
    JsonObject config =
        Json.createObjectBuilder()
            .add("name", "benchmark_cnn_224")
            .add("layers", layers)
            .add("input_layers", Json.createArrayBuilder().add(tensor("input")))
            .add("output_layers", Json.createArrayBuilder().add(tensor(previous)))
            .build();
    return Json.createObjectBuilder()
        .add("class_name", "Model")
        .add("config", config)
        .add("keras_version", "2.2.4")
        .add("backend", "tensorflow")
        .build()
        .toString();
  }

  /** Keras' reference to a layer's first output: [name, 0, 0]. */
  private static JsonArrayBuilder tensor(String layer) {
    return Json.createArrayBuilder().add(layer).add(0).add(0);
  }

  private static JsonObjectBuilder initializersAndNulls() {
    return Json.createObjectBuilder()
        .add(
            "kernel_initializer",
            Json.createObjectBuilder()
                .add("class_name", "VarianceScaling")
                .add(
                    "config",
                    Json.createObjectBuilder()
                        .add("scale", 2.0)
                        .add("mode", "fan_in")
                        .add("distribution", "normal")
                        .add("seed", JsonValue.NULL)))
        .add("bias_initializer", initializer("Zeros"))
        .add("kernel_regularizer", JsonValue.NULL)
        .add("bias_regularizer", JsonValue.NULL)
        .add("activity_regularizer", JsonValue.NULL)
        .add("kernel_constraint", JsonValue.NULL)
        .add("bias_constraint", JsonValue.NULL);
  }

  private static JsonObjectBuilder initializer(String className) {
    return Json.createObjectBuilder()
        .add("class_name", className)
        .add("config", JsonValue.EMPTY_JSON_OBJECT);
  }

  private static JsonArrayBuilder pair(int value) {
    return Json.createArrayBuilder().add(value).add(value);
  }

  private Weight heNormal(String name, long[] shape, long fanIn) {
    float[] values = new float[Math.toIntExact(count(shape))];
    double deviation = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * deviation);
    }
    return new Weight(name, shape, values);
  }

  private Weight uniform(String name, int size, float low, float high) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = low + (high - low) * random.nextFloat();
    }
    return new Weight(name, new long[] {size}, values);
  }

  private static Weight constant(String name, int size, float value) {
    float[] values = new float[size];
    java.util.Arrays.fill(values, value);
    return new Weight(name, new long[] {size}, values);
  }

  private static long count(long[] shape) {
    long count = 1;
    for (long dimension : shape) {
      count *= dimension;
    }
    return count;
  }

  private void save(Path file) {
    synchronized (Hdf5Archive.LOCK_OBJECT) {
      H5File h5 = new H5File(file.toString(), H5F_ACC_TRUNC());
      try {
        writeString(h5, "keras_version", "2.2.4");
        writeString(h5, "backend", "tensorflow");
        writeString(h5, "model_config", modelConfig());
        saveWeights(h5);
      } finally {
        h5._close();
        h5.deallocate();
      }
    }
  }

  private void saveWeights(H5File h5) {
    Group root = h5.createGroup("model_weights");
    try {
      writeStrings(root, "layer_names", new ArrayList<>(weights.keySet()));
      for (Map.Entry<String, List<Weight>> layer : weights.entrySet()) {
        saveLayer(root, layer.getKey(), layer.getValue());
      }
    } finally {
      root.deallocate();
    }
  }

  private static void saveLayer(Group root, String layerName, List<Weight> layerWeights) {
    Group outer = root.createGroup(layerName);
    Group inner = outer.createGroup(layerName);
    try {
      writeStrings(
          outer,
          "weight_names",
          layerWeights.stream().map(w -> layerName + "/" + w.name() + ":0").toList());
      for (Weight weight : layerWeights) {
        writeFloats(inner, weight.name() + ":0", weight);
      }
    } finally {
      inner.deallocate();
      outer.deallocate();
    }
  }

  private static void writeFloats(Group group, String name, Weight weight) {
    DataSpace space = new DataSpace(weight.shape().length, weight.shape());
    // The predefined types are used as they are: a DataType copy left to the garbage collector
    // would be
    // closed on JavaCPP's deallocator thread, outside the HDF5 lock.
    DataSet dataset = group.createDataSet(name, PredType.IEEE_F32LE(), space);
    FloatPointer buffer = new FloatPointer(weight.values());
    try {
      dataset.write(buffer, PredType.NATIVE_FLOAT());
    } finally {
      buffer.deallocate();
      dataset.deallocate();
      space.deallocate();
    }
  }

  private static void writeString(H5Object owner, String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeAttribute(owner, name, bytes, bytes.length, new DataSpace(H5S_SCALAR));
  }

  private static void writeStrings(H5Object owner, String name, List<String> values) {
    int width =
        values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).max().orElse(1);
    byte[] bytes = new byte[width * values.size()];
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(value, 0, bytes, i * width, value.length);
    }
    writeAttribute(owner, name, bytes, width, new DataSpace(1, new long[] {values.size()}));
  }

  private static void writeAttribute(
      H5Object owner, String name, byte[] bytes, int width, DataSpace space) {
    StrType type = new StrType(PredType.C_S1(), Math.max(1, width));
    Attribute attribute = owner.createAttribute(name, type, space);
    BytePointer buffer = new BytePointer(Math.max(1, bytes.length));
    try {
      buffer.put(bytes);
      attribute.write(type, (Pointer) buffer);
    } finally {
      buffer.deallocate();
      attribute.deallocate();
      space.deallocate();
      type.deallocate();
    }
  }
}
