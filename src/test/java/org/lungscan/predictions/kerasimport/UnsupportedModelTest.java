package org.lungscan.predictions.kerasimport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models LungScan cannot run fail with a plain message naming the file and the layer at fault. */
class UnsupportedModelTest {

  @TempDir Path dir;

  @Test
  void keras2FileWithUnknownLayerNamesLayerClassAndFile() throws IOException {
    Path file = dir.resolve("group_norm_model.h5");
    Keras2H5Writer.write(
        file, new KerasModelParts(keras2Config("GroupNormalization", "odd_norm"), noWeights()));

    ModelImportException e =
        assertThrows(ModelImportException.class, () -> ModelImporter.importModel(file));

    assertMentions(
        e, "group_norm_model.h5", "'odd_norm'", "(GroupNormalization)", "cannot be used");
  }

  @Test
  void kerasZipWithCustomLayerNamesLayerClassAndFile() throws IOException {
    Path file = dir.resolve("custom_layer_model.keras");
    writeKerasZip(
        file,
        keras3Sequential(
            """
                {"module": "my_lab.layers", "class_name": "LungAttention", "registered_name": "MyLab>LungAttention",
                 "config": {"name": "lung_attention", "heads": 4}}"""));

    ModelImportException e =
        assertThrows(ModelImportException.class, () -> ModelImporter.importModel(file));

    assertMentions(e, "custom_layer_model.keras", "'lung_attention'", "(LungAttention)");
  }

  @Test
  void keras3ActivationWithoutEquivalentNamesLayerAndActivation() throws IOException {
    Path file = dir.resolve("gelu_model.keras");
    writeKerasZip(
        file,
        keras3Sequential(
            """
                {"module": "keras.layers", "class_name": "Activation", "registered_name": null,
                 "config": {"name": "smooth", "activation": "gelu", "dtype": "float32"}}"""));

    ModelImportException e =
        assertThrows(ModelImportException.class, () -> ModelImporter.importModel(file));

    assertMentions(e, "gelu_model.keras", "'smooth'", "(Activation)", "gelu");
  }

  @Test
  void damagedFileIsRefusedInPlainWords() throws IOException {
    Path file = dir.resolve("truncated.h5");
    Files.write(file, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0});

    ModelImportException e =
        assertThrows(ModelImportException.class, () -> ModelImporter.importModel(file));

    assertMentions(e, "truncated.h5");
  }

  @Test
  void fileThatIsNoModelIsRefused() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "not a model");

    ModelImportException e =
        assertThrows(ModelImportException.class, () -> ModelImporter.importModel(file));

    assertMentions(e, "notes.txt", "neither a Keras .h5");
  }

  @Test
  void missingFileIsRefused() {
    ModelImportException e =
        assertThrows(
            ModelImportException.class,
            () -> ModelImporter.importModel(dir.resolve("absent.keras")));

    assertMentions(e, "absent.keras", "does not exist");
  }

  private static void assertMentions(ModelImportException e, String... parts) {
    for (String part : parts) {
      assertTrue(
          e.getMessage().contains(part), "message should mention " + part + ": " + e.getMessage());
    }
    assertTrue(!e.getMessage().contains("\tat "), "no stack trace in the message");
  }

  private static Map<String, List<NamedWeight>> noWeights() {
    return new LinkedHashMap<>();
  }

  /** Input (8, 8, 1) -> the given layer -> Flatten, as Keras 2 writes a functional model. */
  static String keras2Config(String className, String layerName) {
    return """
                {"class_name": "Model", "keras_version": "2.2.4", "backend": "tensorflow", "config": {
                  "name": "model_1",
                  "layers": [
                    {"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
                     "config": {"name": "input_1", "batch_input_shape": [null, 8, 8, 1], "dtype": "float32"}},
                    {"class_name": "%s", "name": "%s", "inbound_nodes": [[["input_1", 0, 0, {}]]],
                     "config": {"name": "%s", "groups": 2}},
                    {"class_name": "Flatten", "name": "flatten_1", "inbound_nodes": [[["%s", 0, 0, {}]]],
                     "config": {"name": "flatten_1"}}],
                  "input_layers": [["input_1", 0, 0]],
                  "output_layers": [["flatten_1", 0, 0]]}}"""
        .formatted(className, layerName, layerName, layerName);
  }

  /** A Keras 3 Sequential config: Input (8, 8, 1) -> the given layer. */
  private static String keras3Sequential(String layerJson) {
    return """
                {"module": "keras", "class_name": "Sequential", "registered_name": null, "config": {
                  "name": "sequential", "trainable": true,
                  "layers": [
                    {"module": "keras.layers", "class_name": "InputLayer", "registered_name": null,
                     "config": {"batch_shape": [null, 8, 8, 1], "dtype": "float32", "sparse": false,
                                "name": "input_layer"}},
                    %s]}}"""
        .formatted(layerJson);
  }

  private void writeKerasZip(Path file, String config) throws IOException {
    Path weights = dir.resolve("model.weights.h5");
    Keras2H5Writer.write(weights, new KerasModelParts("{}", noWeights()));
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      addEntry(
          zip, "metadata.json", "{\"keras_version\": \"3.15.1\"}".getBytes(StandardCharsets.UTF_8));
      addEntry(zip, "config.json", config.getBytes(StandardCharsets.UTF_8));
      addEntry(zip, "model.weights.h5", Files.readAllBytes(weights));
    }
  }

  private static void addEntry(ZipOutputStream zip, String name, byte[] content)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }
}
