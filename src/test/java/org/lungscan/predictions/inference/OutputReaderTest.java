package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputReaderTest {

  private static final ModelCard.Input INPUT = new ModelCard.Input(64, 64, 1);

  @Test
  void softmaxRowsBecomeProbabilitiesAddingUpToOne() {
    OutputReader reader =
        new OutputReader(card(List.of("normal", "benign", "malignant"), ModelCard.Output.SOFTMAX));
    ModelAnswer prediction = reader.read(new float[] {0.1f, 0.2f, 0.70001f}, 4.5, 2);
    assertEquals(
        List.of("normal", "benign", "malignant"), List.copyOf(prediction.probabilities().keySet()));
    assertEquals(
        1.0,
        prediction.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(),
        1e-12);
    assertEquals("malignant", prediction.predictedLabel());
    assertEquals(0.70001f / ((double) 0.1f + 0.2f + 0.70001f), prediction.confidence(), 1e-9);
    assertTrue(prediction.cancer());
    assertEquals(4.5, prediction.inferenceMillis());
    assertEquals(2, prediction.batchSize());
    assertEquals("m", prediction.modelName());
  }

  @Test
  void aSingleSigmoidValueIsTheSecondLabelsProbability() {
    OutputReader reader =
        new OutputReader(card(List.of("no_cancer", "cancer"), ModelCard.Output.SIGMOID));
    ModelAnswer prediction = reader.read(new float[] {0.25f}, 1, 1);
    assertEquals(Map.of("no_cancer", 0.75, "cancer", 0.25), prediction.probabilities());
    assertEquals("no_cancer", prediction.predictedLabel());
    assertEquals(0.75, prediction.confidence());
    assertFalse(prediction.cancer());
  }

  @Test
  void outputsThatAreNoProbabilitiesAreRefused() {
    OutputReader softmax = new OutputReader(card(List.of("a", "b"), ModelCard.Output.SOFTMAX));
    assertThrows(ModelOutputException.class, () -> softmax.read(new float[] {0.2f, 0.2f}, 1, 1));
    assertThrows(ModelOutputException.class, () -> softmax.read(new float[] {-0.5f, 1.5f}, 1, 1));
    assertThrows(ModelOutputException.class, () -> softmax.read(new float[] {Float.NaN, 1f}, 1, 1));
    assertThrows(ModelOutputException.class, () -> softmax.read(new float[] {1f}, 1, 1));
    OutputReader sigmoid = new OutputReader(card(List.of("a", "b"), ModelCard.Output.SIGMOID));
    assertThrows(ModelOutputException.class, () -> sigmoid.read(new float[] {2.5f}, 1, 1));
  }

  private static ModelCard card(List<String> labels, ModelCard.Output output) {
    return new ModelCard(
        "m",
        "1",
        false,
        labels,
        labels.contains("malignant") ? List.of("malignant") : List.of(),
        output,
        INPUT,
        ModelCard.Preprocessing.defaultsFor(1),
        "use",
        "data",
        JsonValue.EMPTY_JSON_OBJECT,
        true);
  }
}
