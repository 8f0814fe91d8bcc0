package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCardReaderTest {

  @Test
  void theShippedCardIsReadKeyByKey() throws ModelCardException {
    ModelCard card = ModelCardReader.read(ModelCardReader.cardFileFor(ReferenceBatch.DEMO_MODEL));
    assertEquals("lungscan-demo", card.name());
    assertEquals(ModelCard.Output.SOFTMAX, card.output());
    assertEquals(ModelCard.Color.GRAYSCALE, card.preprocessing().color());
    assertEquals("bilinear", card.preprocessing().resize());
    assertEquals(0.00392156862745098, card.preprocessing().scale());
    assertEquals(List.of(0.299, 0.587, 0.114), card.preprocessing().grayscaleWeights());
    assertTrue(card.trainingData().startsWith("Synthetic only"));
    assertTrue(card.isCancer("malignant_nodule"));
    assertEquals(3, card.metrics().getJsonObject("per_class_accuracy").size());
  }

  @Test
  void theCardIsFoundBesideTheModelUnderItsBaseName() {
    assertEquals(
        Path.of("/m/chest-ct-v4.card.json"),
        ModelCardReader.cardFileFor(Path.of("/m/chest-ct-v4.h5")));
    assertEquals("chest-ct-v4", ModelCardReader.baseName(Path.of("/m/chest-ct-v4.keras")));
  }

  @Test
  void aSingleOutputWithoutACardIsReadAsASigmoidOfNegativeAndPositive() {
    ModelCard card = ModelCard.defaultsFor("m", new ModelCard.Input(224, 224, 3), 1);
    assertEquals(ModelCard.Output.SIGMOID, card.output());
    assertEquals(List.of("negative", "positive"), card.labels());
    assertEquals(ModelCard.Color.RGB, card.preprocessing().color());
    assertEquals(1, card.outputSize());
  }

  @Test
  void cardsThatCannotBeRightAreRefusedWithTheReason() {
    assertRefused(
        card().add("labels", Json.createArrayBuilder().add("a").add("a")),
        "\"labels\" must be distinct");
    assertRefused(
        card()
            .add("output", "sigmoid")
            .add("labels", Json.createArrayBuilder().add("a").add("b").add("c")),
        "needs exactly two labels");
    assertRefused(
        card().add("preprocessing", preprocessing().add("color", "rgb")),
        "\"preprocessing.color\" is \"rgb\" but \"input.channels\" is 1");
    assertRefused(
        card()
            .add(
                "preprocessing",
                preprocessing()
                    .add(
                        "grayscale_weights", Json.createArrayBuilder().add(0.5).add(0.5).add(0.5))),
        "adding up to 1");
    assertRefused(
        card().add("preprocessing", preprocessing().add("resize", "nearest")),
        "\"preprocessing.resize\" must be \"bilinear\"");
    assertRefused(
        card()
            .add(
                "input",
                Json.createObjectBuilder().add("height", 0).add("width", 8).add("channels", 1)),
        "\"input.height\" must be a positive whole number");
    assertRefused(card().add("demo", "yes"), "\"demo\" must be true or false");
    assertRefused(card().remove("intended_use"), "\"intended_use\" is missing");
  }

  private static JsonObjectBuilder card() {
    return Json.createObjectBuilder()
        .add("name", "m")
        .add("version", "1")
        .add("demo", false)
        .add("labels", Json.createArrayBuilder().add("a").add("b"))
        .add("cancer_labels", Json.createArrayBuilder())
        .add("output", "softmax")
        .add(
            "input", Json.createObjectBuilder().add("height", 8).add("width", 8).add("channels", 1))
        .add("preprocessing", preprocessing())
        .add("intended_use", "tests");
  }

  private static JsonObjectBuilder preprocessing() {
    return Json.createObjectBuilder()
        .add("color", "grayscale")
        .add("resize", "bilinear")
        .add("scale", 1.0)
        .add("offset", 0.0);
  }

  private static void assertRefused(JsonObjectBuilder card, String reason) {
    JsonObject json = card.build();
    ModelCardException e =
        assertThrows(
            ModelCardException.class, () -> ModelCardReader.fromJson(json), json.toString());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
