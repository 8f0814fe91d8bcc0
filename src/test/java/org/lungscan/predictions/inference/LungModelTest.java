package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LungModelTest {

  private static final Logger LOG = Logger.getLogger(LungModelTest.class.getName());
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private static LungModel demo;

  @TempDir Path dir;

  @BeforeAll
  static void loadDemo() {
    demo = LungModel.load(ReferenceBatch.DEMO_MODEL, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void theShippedModelIsReadyWithItsCard() {
    assertTrue(demo.isReady(), demo.toString());
    assertEquals(LungModel.Status.READY, demo.status());
    assertEquals("lungscan-demo", demo.name());
    assertEquals("1.0.0", demo.version());
    assertEquals(List.of("normal", "benign_nodule", "malignant_nodule"), demo.labels());
    assertEquals(List.of("malignant_nodule"), demo.card().cancerLabels());
    assertEquals(new ModelCard.Input(64, 64, 1), demo.input());
    assertTrue(demo.isDemo());
    assertTrue(demo.intendedUse().contains("NOT for clinical use"));
    assertEquals(NOW, demo.loadedAt());
    assertEquals(0.9511, demo.card().metrics().getJsonNumber("held_out_accuracy").doubleValue());
    assertTrue(demo.card().fromFile());
  }

  @Test
  void aSmallModelGetsOneSingleThreadedWorkerPerCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    InferenceSettings settings = InferenceSettings.forModel(demo);
    assertEquals(cores, settings.workers());
    assertEquals(1, settings.threadsPerCall());
    assertEquals(InferenceSettings.defaults().withWorkers(cores), settings);
    assertEquals(1, InferenceSettings.defaults().workers());
    assertEquals(cores, InferenceSettings.defaults().threadsPerCall());
  }

  @Test
  void referenceScansThroughPreprocessingAndModelGiveWhatKerasGave() throws Exception {
    ImportedModel network = demo.takeNetwork();
    ScanPreprocessor preprocessor = new ScanPreprocessor(demo.card());
    float[][] keras = ReferenceBatch.expected().toFloatMatrix();
    var images = ReferenceBatch.images();
    double max = 0;
    for (int i = 0; i < images.size(); i++) {
      ScanTensor tensor = preprocessor.preprocess(images.get(i));
      INDArray batch =
          Nd4j.create(
              tensor.values(),
              new long[] {1, 64, 64, 1},
              org.nd4j.linalg.api.buffer.DataType.FLOAT);
      float[] output = network.output(batch)[0].toFloatVector();
      for (int j = 0; j < output.length; j++) {
        max = Math.max(max, Math.abs(output[j] - keras[i][j]));
      }
    }
    double maxDifference = max;
    LOG.info(
        () ->
            "reference PNGs -> preprocessing -> model vs expected.npy: max |difference| = "
                + maxDifference);
    assertTrue(max <= 1e-3, "max difference " + max);
  }

  @Test
  void aMissingFileMakesTheModelUnavailableWithoutThrowing() {
    LungModel model = LungModel.load(dir.resolve("absent.h5"));
    assertEquals(LungModel.Status.UNAVAILABLE, model.status());
    assertTrue(
        model.unavailableReason().orElseThrow().contains("does not exist"), model.toString());
    assertThrows(IllegalStateException.class, model::card);
  }

  @Test
  void aFileThatIsNoModelIsUnavailableWithTheImportersMessage() throws IOException {
    Path notAModel = Files.writeString(dir.resolve("scan.h5"), "not a model");
    LungModel model = LungModel.load(notAModel);
    assertFalse(model.isReady());
    assertTrue(
        model.unavailableReason().orElseThrow().startsWith("Cannot import " + notAModel),
        model.toString());
  }

  @Test
  void aModelWithoutACardLoadsWithTheDocumentedDefaults() throws IOException {
    Path model = Files.copy(ReferenceBatch.DEMO_MODEL, dir.resolve("chest-ct-v4.h5"));
    LungModel loaded = LungModel.load(model);
    assertTrue(loaded.isReady(), loaded.toString());
    ModelCard card = loaded.card();
    assertEquals("chest-ct-v4", card.name());
    assertEquals("unversioned", card.version());
    assertFalse(card.demo());
    assertFalse(card.fromFile());
    assertEquals(List.of("class_0", "class_1", "class_2"), card.labels());
    assertEquals(List.of(), card.cancerLabels());
    assertEquals(ModelCard.Output.SOFTMAX, card.output());
    assertEquals(new ModelCard.Input(64, 64, 1), card.input());
    assertEquals(ModelCard.Color.GRAYSCALE, card.preprocessing().color());
    assertEquals(1 / 255.0, card.preprocessing().scale());
    assertEquals(0.0, card.preprocessing().offset());
    assertEquals("Not stated by the model's provider.", card.intendedUse());
  }

  @Test
  void aCardThatContradictsTheModelMakesItUnavailable() throws IOException {
    Path model = copyDemoWithCard(demoCard().replace("\"height\": 64", "\"height\": 128"));
    String reason = LungModel.load(model).unavailableReason().orElseThrow();
    assertTrue(
        reason.contains("says the input is 128x64x1") && reason.contains("the model takes 64x64x1"),
        reason);

    copyDemoWithCard(
        demoCard()
            .replace(
                "\"malignant_nodule\"\n  ],\n  \"cancer_labels\"",
                "\"malignant_nodule\",\n    \"other\"\n  ],\n  \"cancer_labels\""));
    reason = LungModel.load(model).unavailableReason().orElseThrow();
    assertTrue(
        reason.contains("it has 4 labels") && reason.contains("the model gives 3 values"), reason);
  }

  @Test
  void anInvalidCardMakesTheModelUnavailable() throws IOException {
    Path model = copyDemoWithCard("{\"name\": \"x\"");
    assertTrue(
        LungModel.load(model).unavailableReason().orElseThrow().contains("is not a JSON object"));
    copyDemoWithCard(demoCard().replace("\"softmax\"", "\"logits\""));
    assertTrue(
        LungModel.load(model)
            .unavailableReason()
            .orElseThrow()
            .contains("\"output\" must be \"softmax\" or \"sigmoid\""));
    copyDemoWithCard(
        demoCard()
            .replace(
                "\"cancer_labels\": [\n    \"malignant_nodule\"",
                "\"cancer_labels\": [\n    \"tumour\""));
    assertTrue(
        LungModel.load(model)
            .unavailableReason()
            .orElseThrow()
            .contains("cancer label \"tumour\""));
  }

  private static String demoCard() throws IOException {
    return Files.readString(
        ModelCardReader.cardFileFor(ReferenceBatch.DEMO_MODEL), StandardCharsets.UTF_8);
  }

  private Path copyDemoWithCard(String card) throws IOException {
    Path model = dir.resolve("hospital.h5");
    if (!Files.exists(model)) {
      Files.copy(ReferenceBatch.DEMO_MODEL, model);
    }
    Files.writeString(dir.resolve("hospital.card.json"), card, StandardCharsets.UTF_8);
    return model;
  }
}
