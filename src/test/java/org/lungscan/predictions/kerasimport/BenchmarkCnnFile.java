package org.lungscan.predictions.kerasimport;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's large model: a VGG-style CNN for 224x224x3 images (six 3x3 convolution blocks,
 * each with ReLU and BatchNormalization, channels doubling as the size halves; then global average
 * pooling and two dense layers), about 5.1 million parameters and 1.37 GFLOP per image, with seeded
 * random weights. Written as a Keras 2 functional model by the import's own {@link Keras2H5Writer},
 * so that it goes through the product's import path. Lives beside the writer; the inference
 * benchmark asks it for the file.
 */
public final class BenchmarkCnnFile {

  private static final int[] FILTERS = {24, 48, 96, 192, 384, 768};
  private static final int SIZE = 224;
  private static final int DENSE_UNITS = 2048;
  private static final int CLASSES = 2;

  private final Random random = new Random(20250601L);
  private final JsonArrayBuilder layers = Json.createArrayBuilder();
  private final Map<String, List<NamedWeight>> weights = new LinkedHashMap<>();
  private String previous = "input";

  private BenchmarkCnnFile() {}

  /** Writes the model to {@code file} (overwritten). */
  public static void write(Path file) {
    BenchmarkCnnFile model = new BenchmarkCnnFile();
    model.build();
    Keras2H5Writer.write(file, new KerasModelParts(model.modelConfig(), model.weights));
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
        .add("keras_version", Keras2H5Writer.KERAS_VERSION)
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

  private NamedWeight heNormal(String name, long[] shape, long fanIn) {
    float[] values = new float[Math.toIntExact(count(shape))];
    double deviation = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * deviation);
    }
    return weight(name, shape, values);
  }

  private NamedWeight uniform(String name, int size, float low, float high) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = low + (high - low) * random.nextFloat();
    }
    return weight(name, new long[] {size}, values);
  }

  private static NamedWeight constant(String name, int size, float value) {
    float[] values = new float[size];
    java.util.Arrays.fill(values, value);
    return weight(name, new long[] {size}, values);
  }

  private static long count(long[] shape) {
    long count = 1;
    for (long dimension : shape) {
      count *= dimension;
    }
    return count;
  }

  private static NamedWeight weight(String name, long[] shape, float[] values) {
    return new NamedWeight(name, new WeightArray(shape, values));
  }
}
