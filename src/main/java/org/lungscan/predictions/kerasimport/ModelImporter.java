package org.lungscan.predictions.kerasimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Imports Keras model files (Keras 2 {@code .h5}, Keras 2 JSON plus weights, Keras 3 {@code .h5}
 * and {@code .keras}) into networks that predict. Keras 3 files, and Keras 2 files that need it,
 * are rewritten into a Keras 2 HDF5 file in a temporary directory, which is deleted before this
 * returns.
 */
public final class ModelImporter {

  private static final Logger LOG = Logger.getLogger(ModelImporter.class.getName());

  private ModelImporter() {}

  /**
   * @throws ModelImportException with a message naming the file and, where one layer is the cause,
   *     the layer's name and Keras class
   */
  public static ImportedModel importModel(Path file) throws ModelImportException {
    long start = System.nanoTime();
    try {
      ImportedModel model = importOrFail(file);
      LOG.fine(() -> "imported " + file + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      return model;
    } catch (ModelImportException e) {
      throw new ModelImportException("Cannot import " + file + ": " + e.getMessage(), e.getCause());
    } catch (IOException e) {
      throw new ModelImportException(
          "Cannot import " + file + ": it cannot be read (" + e.getMessage() + ").", e);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "import of " + file + " failed", e);
      throw new ModelImportException(
          "Cannot import "
              + file
              + ": it is damaged or not a Keras model ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ").",
          e);
    }
  }

  private static ImportedModel importOrFail(Path file) throws ModelImportException, IOException {
    ModelSource source = ModelSource.detect(file);
    Path workDir = Files.createTempDirectory("lungscan-model-");
    try {
      ModelSpec spec = source.read(workDir);
      ModelDescriber describer = ModelDescriber.before(spec);
      ModelRewrites.apply(spec);
      LayerSupport.check(spec);
      ModelDescription description = describer.after(spec);
      ImportedModel model =
          new ImportedModel(build(source, spec, workDir), source.format(), description);
      checkOutputShapes(model);
      return model;
    } finally {
      deleteRecursively(workDir);
    }
  }

  private static Network build(ModelSource source, ModelSpec spec, Path workDir)
      throws ModelImportException {
    if (!source.format().needsTranslation() && !spec.isRewritten()) {
      return source.loadDirectly(spec.isSequential());
    }
    Path keras2File = workDir.resolve("model-keras2.h5");
    Keras2H5Writer.write(keras2File, Keras2ConfigWriter.toParts(spec));
    return Dl4jLoader.load(keras2File, spec.isSequential());
  }

  /**
   * One forward pass on zeros, so a network Deeplearning4j built wrongly fails now, not at the
   * first scan.
   */
  private static void checkOutputShapes(ImportedModel model) throws ModelImportException {
    if (!model.inputShape().isFixedSize()) {
      return;
    }
    long[] shape =
        Stream.concat(Stream.of(1L), model.inputShape().dimensions().stream())
            .mapToLong(Long::longValue)
            .toArray();
    INDArray[] outputs;
    try {
      outputs = model.output(Nd4j.zeros(DataType.FLOAT, shape));
    } catch (RuntimeException e) {
      throw new ModelImportException(
          "the inference engine cannot run the network: " + e.getMessage(), e);
    }
    for (int i = 0; i < outputs.length; i++) {
      List<Long> expected = model.outputShape(i);
      long[] actual = Arrays.copyOfRange(outputs[i].shape(), 1, outputs[i].rank());
      if (!expected.isEmpty() && !expected.equals(Arrays.stream(actual).boxed().toList())) {
        throw new ModelImportException(
            "output '"
                + model.outputNames().get(i)
                + "' comes out with shape "
                + Arrays.toString(actual)
                + " where Keras gives "
                + expected
                + ".");
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ModelImporter::deleteQuietly);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not clean up " + dir, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete " + path, e);
    }
  }
}
