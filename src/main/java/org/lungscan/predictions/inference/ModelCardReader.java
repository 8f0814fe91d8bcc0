package org.lungscan.predictions.inference;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a model card ({@code NAME.card.json}, see {@code models/README.md}) and checks it on its
 * own terms: required keys present with the right types, labels unique, cancer labels among them,
 * known output and preprocessing kinds. Whether it fits its model is checked when the model is
 * loaded.
 */
public final class ModelCardReader {

  private static final double WEIGHT_SUM_TOLERANCE = 1e-3;

  private ModelCardReader() {}

  /** {@code chest-ct-v4.h5} -> {@code chest-ct-v4.card.json} in the same directory. */
  public static Path cardFileFor(Path modelFile) {
    return modelFile.resolveSibling(baseName(modelFile) + ".card.json");
  }

  /** The file name without its last extension: the model's name when it has no card. */
  public static String baseName(Path modelFile) {
    String name = modelFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  public static ModelCard read(Path cardFile) throws ModelCardException {
    try (Reader reader = Files.newBufferedReader(cardFile, StandardCharsets.UTF_8);
        var json = Json.createReader(reader)) {
      return fromJson(json.readObject());
    } catch (IOException e) {
      throw new ModelCardException(
          "the model card " + cardFile + " cannot be read: " + e.getMessage(), e);
    } catch (JsonException | IllegalStateException e) {
      throw new ModelCardException(
          "the model card " + cardFile + " is not a JSON object: " + e.getMessage(), e);
    } catch (ModelCardException e) {
      throw new ModelCardException(
          "the model card " + cardFile + " is invalid: " + e.getMessage(), e);
    }
  }

  static ModelCard fromJson(JsonObject card) throws ModelCardException {
    List<String> labels = uniqueStrings(card, "labels");
    List<String> cancerLabels =
        card.containsKey("cancer_labels") ? uniqueStrings(card, "cancer_labels") : List.of();
    for (String label : cancerLabels) {
      if (!labels.contains(label)) {
        throw new ModelCardException(
            "cancer label \"" + label + "\" is not one of the labels " + labels);
      }
    }
    ModelCard.Output output = ModelCard.Output.parse(string(card, "output"));
    if (output == ModelCard.Output.SIGMOID && labels.size() != 2) {
      throw new ModelCardException(
          "a \"sigmoid\" output needs exactly two labels (negative first, positive"
              + " second), not "
              + labels.size());
    }
    ModelCard.Input input = input(object(card, "input"));
    return new ModelCard(
        string(card, "name"),
        string(card, "version"),
        bool(card, "demo"),
        labels,
        cancerLabels,
        output,
        input,
        preprocessing(object(card, "preprocessing"), input),
        string(card, "intended_use"),
        optionalString(card, "training_data", ModelCard.TRAINING_DATA_NOT_STATED),
        card.containsKey("metrics") ? object(card, "metrics") : JsonValue.EMPTY_JSON_OBJECT,
        true);
  }

  private static ModelCard.Input input(JsonObject input) throws ModelCardException {
    ModelCard.Input result =
        new ModelCard.Input(
            positiveInt(input, "height"),
            positiveInt(input, "width"),
            positiveInt(input, "channels"));
    if (result.channels() != 1 && result.channels() != 3) {
      throw new ModelCardException(
          "\"input.channels\" must be 1 (grayscale) or 3 (RGB), not " + result.channels());
    }
    return result;
  }

  private static ModelCard.Preprocessing preprocessing(
      JsonObject preprocessing, ModelCard.Input input) throws ModelCardException {
    ModelCard.Color color = ModelCard.Color.parse(string(preprocessing, "color"));
    if (color.channels() != input.channels()) {
      throw new ModelCardException(
          "\"preprocessing.color\" is \""
              + color
              + "\" but \"input.channels\" is "
              + input.channels());
    }
    String resize = string(preprocessing, "resize");
    if (!ModelCard.Preprocessing.BILINEAR.equals(resize)) {
      throw new ModelCardException(
          "\"preprocessing.resize\" must be \"bilinear\", not \"" + resize + "\"");
    }
    return new ModelCard.Preprocessing(
        color,
        resize,
        finite(preprocessing, "scale"),
        finite(preprocessing, "offset"),
        grayscaleWeights(preprocessing));
  }

  private static List<Double> grayscaleWeights(JsonObject preprocessing) throws ModelCardException {
    if (!preprocessing.containsKey("grayscale_weights")) {
      return ModelCard.Preprocessing.BT601;
    }
    JsonArray array = array(preprocessing, "grayscale_weights");
    List<Double> weights = new ArrayList<>();
    for (JsonValue value : array) {
      if (!(value instanceof JsonNumber number) || number.doubleValue() < 0) {
        throw new ModelCardException(
            "\"preprocessing.grayscale_weights\" must be three non-negative numbers");
      }
      weights.add(number.doubleValue());
    }
    double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
    if (weights.size() != 3 || Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new ModelCardException(
          "\"preprocessing.grayscale_weights\" must be three weights (R, G, B) adding"
              + " up to 1, not "
              + weights);
    }
    return weights;
  }

  private static JsonValue required(JsonObject object, String key) throws ModelCardException {
    JsonValue value = object.get(key);
    if (value == null || value == JsonValue.NULL) {
      throw new ModelCardException("\"" + key + "\" is missing");
    }
    return value;
  }

  private static String string(JsonObject object, String key) throws ModelCardException {
    if (!(required(object, key) instanceof JsonString value) || value.getString().isBlank()) {
      throw new ModelCardException("\"" + key + "\" must be a non-empty string");
    }
    return value.getString();
  }

  private static String optionalString(JsonObject object, String key, String fallback)
      throws ModelCardException {
    return object.containsKey(key) ? string(object, key) : fallback;
  }

  private static boolean bool(JsonObject object, String key) throws ModelCardException {
    JsonValue value = required(object, key);
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw new ModelCardException("\"" + key + "\" must be true or false");
    }
    return value == JsonValue.TRUE;
  }

  private static JsonObject object(JsonObject object, String key) throws ModelCardException {
    if (!(required(object, key) instanceof JsonObject value)) {
      throw new ModelCardException("\"" + key + "\" must be an object");
    }
    return value;
  }

  private static JsonArray array(JsonObject object, String key) throws ModelCardException {
    if (!(required(object, key) instanceof JsonArray value)) {
      throw new ModelCardException("\"" + key + "\" must be an array");
    }
    return value;
  }

  private static int positiveInt(JsonObject object, String key) throws ModelCardException {
    if (!(required(object, key) instanceof JsonNumber value)
        || !value.isIntegral()
        || value.intValue() < 1) {
      throw new ModelCardException("\"input." + key + "\" must be a positive whole number");
    }
    return value.intValue();
  }

  private static double finite(JsonObject object, String key) throws ModelCardException {
    if (!(required(object, key) instanceof JsonNumber value)
        || !Double.isFinite(value.doubleValue())) {
      throw new ModelCardException("\"preprocessing." + key + "\" must be a number");
    }
    return value.doubleValue();
  }

  private static List<String> uniqueStrings(JsonObject object, String key)
      throws ModelCardException {
    List<String> strings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonValue value : array(object, key)) {
      if (!(value instanceof JsonString string)
          || string.getString().isBlank()
          || !seen.add(string.getString())) {
        throw new ModelCardException("\"" + key + "\" must be distinct non-empty strings");
      }
      strings.add(string.getString());
    }
    if (strings.isEmpty() && key.equals("labels")) {
      throw new ModelCardException("\"labels\" must not be empty");
    }
    return strings;
  }
}
