package org.lungscan.predictions.inference;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What a model's provider says about it: the model card {@code NAME.card.json} beside the model
 * file, or LungScan's defaults for a model that has none ({@link #defaultsFor}).
 *
 * @param labels class names in the order of the model's output vector
 * @param cancerLabels the labels that mean cancer (a subset of {@code labels}, possibly empty)
 * @param metrics the provider's measured performance, as the card gives it (empty without a card)
 * @param fromFile false when these are the defaults for a model without a card
 */
public record ModelCard(
    String name,
    String version,
    boolean demo,
    List<String> labels,
    List<String> cancerLabels,
    Output output,
    Input input,
    Preprocessing preprocessing,
    String intendedUse,
    String trainingData,
    JsonObject metrics,
    boolean fromFile) {

  public static final String UNVERSIONED = "unversioned";
  public static final String INTENDED_USE_NOT_STATED = "Not stated by the model's provider.";
  public static final String TRAINING_DATA_NOT_STATED = "Not stated by the model's provider.";

  public ModelCard {
    labels = List.copyOf(labels);
    cancerLabels = List.copyOf(cancerLabels);
  }

  /** How the output vector is read. */
  public enum Output {
    /** One probability per label, adding up to 1. */
    SOFTMAX,
    /** One value p, the probability of the second label; the first label gets 1 - p. */
    SIGMOID;

    static Output parse(String value) throws ModelCardException {
      return switch (value) {
        case "softmax" -> SOFTMAX;
        case "sigmoid" -> SIGMOID;
        default ->
            throw new ModelCardException(
                "\"output\" must be \"softmax\" or \"sigmoid\", not \"" + value + "\"");
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The tensor the model takes per image, channels last. */
  public record Input(int height, int width, int channels) {

    @Override
    public String toString() {
      return height + "x" + width + "x" + channels;
    }
  }

  public enum Color {
    GRAYSCALE(1),
    RGB(3);

    private final int channels;

    Color(int channels) {
      this.channels = channels;
    }

    public int channels() {
      return channels;
    }

    static Color forChannels(int channels) {
      return channels == 3 ? RGB : GRAYSCALE;
    }

    static Color parse(String value) throws ModelCardException {
      return switch (value) {
        case "grayscale" -> GRAYSCALE;
        case "rgb" -> RGB;
        default ->
            throw new ModelCardException(
                "\"preprocessing.color\" must be \"grayscale\" or \"rgb\", not \"" + value + "\"");
      };
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How an image becomes the model's input: decoded to {@code color}, resized bilinearly
   * (TensorFlow's {@code tf.image.resize(..., "bilinear", antialias=False)}), then every value v
   * (0-255) becomes {@code v * scale + offset}.
   *
   * @param grayscaleWeights weights of R, G, B when a colour image feeds a grayscale model
   */
  public record Preprocessing(
      Color color, String resize, double scale, double offset, List<Double> grayscaleWeights) {

    public static final String BILINEAR = "bilinear";
    public static final double DEFAULT_SCALE = 1.0 / 255.0;
    public static final List<Double> BT601 = List.of(0.299, 0.587, 0.114);

    public Preprocessing {
      grayscaleWeights = List.copyOf(grayscaleWeights);
    }

    static Preprocessing defaultsFor(int channels) {
      return new Preprocessing(Color.forChannels(channels), BILINEAR, DEFAULT_SCALE, 0.0, BT601);
    }
  }

  /**
   * The card LungScan uses for a model without one: input from the model, RGB for 3 channels and
   * grayscale otherwise, bilinear resize, scale 1/255, labels {@code class_0..class_{n-1}} (or
   * {@code negative, positive} for a single sigmoid output), no cancer label.
   */
  public static ModelCard defaultsFor(String modelName, Input input, int outputSize) {
    boolean sigmoid = outputSize == 1;
    List<String> labels =
        sigmoid
            ? List.of("negative", "positive")
            : IntStream.range(0, outputSize).mapToObj(i -> "class_" + i).toList();
    return new ModelCard(
        modelName,
        UNVERSIONED,
        false,
        labels,
        List.of(),
        sigmoid ? Output.SIGMOID : Output.SOFTMAX,
        input,
        Preprocessing.defaultsFor(input.channels()),
        INTENDED_USE_NOT_STATED,
        TRAINING_DATA_NOT_STATED,
        JsonValue.EMPTY_JSON_OBJECT,
        false);
  }

  /** True if {@code label} is one of the labels that mean cancer. */
  public boolean isCancer(String label) {
    return cancerLabels.contains(label);
  }

  /** How many values the model's output vector must have for this card. */
  public int outputSize() {
    return output == Output.SIGMOID ? 1 : labels.size();
  }
}
