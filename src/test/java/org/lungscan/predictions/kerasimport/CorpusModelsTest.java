package org.lungscan.predictions.kerasimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every model of the Keras corpus imports and computes what Keras computed, within the README's
 * tolerance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusModelsTest {

  private static final Logger LOG = Logger.getLogger(CorpusModelsTest.class.getName());

  /** Each model is imported once, by whichever test needs it first. */
  private final Map<String, ImportedModel> imported = new HashMap<>();

  /**
   * The models the corpus holds without Keras' outputs (its README: the channels-first model "must
   * import, and its output shape must be right"); {@link
   * #channelsFirstModelTakesChannelsLastImagesAndGivesItsOutputShape} checks it instead. A model
   * that loses its recorded outputs fails {@link #onlyTheNamedModelsLackRecordedOutputs}.
   */
  private static final Set<String> WITHOUT_RECORDED_OUTPUTS =
      Set.of("keras2/simpleconv2d_channels_first.h5");

  List<String> models() throws IOException {
    return KerasCorpus.models();
  }

  List<String> modelsWithRecordedOutputs() throws IOException {
    return models().stream().filter(m -> !WITHOUT_RECORDED_OUTPUTS.contains(m)).toList();
  }

  private ImportedModel model(String name) throws ModelImportException {
    ImportedModel model = imported.get(name);
    if (model == null) {
      long start = System.nanoTime();
      model = ModelImporter.importModel(KerasCorpus.root().resolve(name));
      LOG.info(
          () ->
              String.format("imported %s in %d ms", name, (System.nanoTime() - start) / 1_000_000));
      imported.put(name, model);
    }
    return model;
  }

  @Test
  void corpusHoldsEveryKindOfModel() throws IOException {
    List<String> models = models();
    assertTrue(
        models.stream().filter(m -> m.startsWith("keras2/") && m.endsWith(".h5")).count() >= 11,
        models::toString);
    assertTrue(models.contains(KerasCorpus.MNIST_MLP));
    assertTrue(models.stream().filter(m -> m.endsWith(".keras")).count() >= 4, models::toString);
  }

  @Test
  void onlyTheNamedModelsLackRecordedOutputs() throws IOException {
    Set<String> withoutInput = new TreeSet<>();
    for (String name : models()) {
      if (KerasCorpus.input(name) == null) {
        withoutInput.add(name);
      }
    }
    assertEquals(new TreeSet<>(WITHOUT_RECORDED_OUTPUTS), withoutInput);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelsWithRecordedOutputs")
  void importedModelReproducesKerasOutputs(String name) throws Exception {
    ImportedModel model = model(name);
    INDArray input = KerasCorpus.input(name);
    assertNotNull(input, name + " has no recorded input");
    List<INDArray> expected = KerasCorpus.expectedOutputs(name);
    assertFalse(expected.isEmpty(), name + " has no recorded outputs");
    INDArray[] outputs = model.output(input);
    assertEquals(expected.size(), outputs.length, "number of outputs");
    assertEquals(expected.size(), model.outputCount());
    for (int i = 0; i < outputs.length; i++) {
      assertArrayEquals(
          expected.get(i).shape(), outputs[i].shape(), name + " output " + i + " shape");
      double difference = maxAbsDifference(outputs[i], expected.get(i));
      int index = i;
      LOG.info(() -> String.format("%s output %d max_abs_diff=%.3g", name, index, difference));
      assertTrue(
          difference <= KerasCorpus.tolerance(name),
          name + " output " + i + " differs from Keras by " + difference);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void importedModelDescribesItself(String name) throws Exception {
    ImportedModel model = model(name);
    assertFalse(model.layerSummary().isEmpty());
    assertTrue(
        model.layerSummary().stream().allMatch(line -> line.matches("[^:]+: \\w+")),
        model.layerSummary()::toString);
    assertTrue(model.parameterCount() > 0);
    assertTrue(model.flopsPerSample() > 0 || !model.inputShape().isFixedSize());
  }

  @Test
  void channelsFirstModelTakesChannelsLastImagesAndGivesItsOutputShape() throws Exception {
    ImportedModel model = model("keras2/simpleconv2d_channels_first.h5");
    assertEquals(List.of(28L, 28L, 1L), model.inputShape().dimensions());
    INDArray[] outputs = model.output(Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1));
    assertEquals(1, outputs.length);
    assertArrayEquals(new long[] {2, 22}, outputs[0].shape());
    assertEquals(2.0, outputs[0].sumNumber().doubleValue(), 1e-4, "softmax rows sum to one");
  }

  @Test
  void describesKeras3ModelAsKerasDoes() throws Exception {
    ImportedModel model = model("keras3/lung_cnn_sigmoid.keras");
    assertEquals(ModelFormat.KERAS3_ZIP, model.format());
    assertEquals(List.of(128L, 128L, 1L), model.inputShape().dimensions());
    assertEquals(128, model.inputShape().height());
    assertEquals(1, model.inputShape().channels());
    assertEquals(858_689, model.parameterCount(), "Keras' Total params");
    assertTrue(model.layerSummary().contains("conv2d_3: Conv2D"), model.layerSummary()::toString);
    assertEquals(List.of(1L), model.outputShape(0));
  }

  @Test
  void keras3LegacyAndNativeFilesGiveTheSameNumbers() throws Exception {
    INDArray input = KerasCorpus.input("keras3/residual_gray.h5");
    INDArray fromH5 = model("keras3/residual_gray.h5").output(input)[0];
    INDArray fromKeras = model("keras3/residual_gray.keras").output(input)[0];
    assertEquals(0.0, maxAbsDifference(fromH5, fromKeras), 0.0);
  }

  @Test
  void acceptsAnyImageSizeForFullyConvolutionalModel() throws Exception {
    ImportedModel model = model("keras2/12net.h5");
    assertFalse(model.inputShape().isFixedSize());
    INDArray[] outputs = model.output(Nd4j.rand(DataType.FLOAT, 1, 12, 12, 3));
    assertArrayEquals(new long[] {1, 1, 1, 2}, outputs[0].shape());
    assertEquals(-1, model.flopsPerSample());
  }

  @Test
  void rejectsBatchOfWrongShape() throws Exception {
    ImportedModel model = model("keras3/with_rescaling.keras");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> model.output(Nd4j.zeros(DataType.FLOAT, 1, 32, 32, 1)));
    assertNotNull(e.getMessage());
    assertTrue(e.getMessage().contains("64,64,1"), e.getMessage());
  }

  static double maxAbsDifference(INDArray actual, INDArray expected) {
    return actual
        .castTo(DataType.DOUBLE)
        .sub(expected.castTo(DataType.DOUBLE))
        .amaxNumber()
        .doubleValue();
  }
}
