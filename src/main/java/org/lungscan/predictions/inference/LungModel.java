package org.lungscan.predictions.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.lungscan.predictions.kerasimport.ModelImportException;
import org.lungscan.predictions.kerasimport.ModelImporter;
import org.lungscan.predictions.kerasimport.Npy;
import org.lungscan.predictions.kerasimport.PooledHead;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prediction model as LungScan loaded it: READY with its network and card, or UNAVAILABLE with
 * a reason a person can act on (file missing, import failed, card invalid). {@link #load} never
 * throws.
 *
 * <p>Thread-safe. The network itself is not: each {@link InferenceQueue} worker gets a network of
 * its own, and gives it back when its queue closes, so a later queue reuses it instead of importing
 * the file again.
 */
public final class LungModel {

  private static final Logger LOG = Logger.getLogger(LungModel.class.getName());

  public enum Status {
    READY,
    UNAVAILABLE
  }

  private final Path modelFile;
  private final Status status;
  private final String unavailableReason;
  private final ModelCard card;
  private final ImportedModel network;
  private final Instant loadedAt;
  private final Deque<ImportedModel> idleNetworks = new ConcurrentLinkedDeque<>();

  private LungModel(
      Path modelFile, ModelCard card, ImportedModel network, String unavailableReason, Instant at) {
    this.modelFile = modelFile;
    this.status = unavailableReason == null ? Status.READY : Status.UNAVAILABLE;
    this.unavailableReason = unavailableReason;
    this.card = card;
    this.network = network;
    this.loadedAt = at;
    if (network != null) {
      idleNetworks.push(network);
    }
  }

  /**
   * Loads the model file and the card beside it ({@code NAME.card.json}, optional). Never throws.
   */
  public static LungModel load(Path modelFile) {
    return load(modelFile, Clock.systemUTC());
  }

  public static LungModel load(Path modelFile, Clock clock) {
    Path file = modelFile.toAbsolutePath().normalize();
    try {
      NativeBackend.allowLayerHelpersWhereTheyWork();
      return ready(file, clock);
    } catch (ModelImportException | ModelCardException e) {
      return unavailable(file, e.getMessage(), clock);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "loading " + file + " failed unexpectedly", e);
      return unavailable(file, "the model cannot be loaded: " + e, clock);
    }
  }

  private static LungModel ready(Path file, Clock clock)
      throws ModelImportException, ModelCardException {
    if (!Files.isRegularFile(file)) {
      throw new ModelImportException("the model file " + file + " does not exist");
    }
    ImportedModel network = ModelImporter.importModel(file);
    ModelCard card = CardFit.cardFor(file, network);
    LOG.info(
        () ->
            "model "
                + card.name()
                + " "
                + card.version()
                + " ready from "
                + file
                + (card.fromFile() ? "" : " (no model card: defaults apply)"));
    return new LungModel(file, card, network, null, clock.instant());
  }

  private static LungModel unavailable(Path file, String reason, Clock clock) {
    LOG.warning(() -> "prediction model unavailable: " + reason);
    return new LungModel(file, null, null, reason, clock.instant());
  }

  public Path modelFile() {
    return modelFile;
  }

  public Status status() {
    return status;
  }

  public boolean isReady() {
    return status == Status.READY;
  }

  /** Why the model is unavailable; empty when it is ready. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailableReason);
  }

  /** When this load happened (successful or not). */
  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * The card (or the defaults for a model without one). @throws IllegalStateException if
   * unavailable
   */
  public ModelCard card() {
    requireReady();
    return card;
  }

  public String name() {
    return card().name();
  }

  public String version() {
    return card().version();
  }

  public List<String> labels() {
    return card().labels();
  }

  public ModelCard.Input input() {
    return card().input();
  }

  public String intendedUse() {
    return card().intendedUse();
  }

  public boolean isDemo() {
    return card().demo();
  }

  /** Floating-point operations per image (convolution and dense layers). */
  public long flopsPerImage() {
    requireReady();
    return network.flopsPerSample();
  }

  public long parameterCount() {
    requireReady();
    return network.parameterCount();
  }

  /**
   * The network's head of global average pooling and a dense layer, if it has one (read from its
   * configuration and weights, which nothing changes after the import).
   */
  Optional<PooledHead> pooledHead() {
    requireReady();
    return network.pooledHead();
  }

  /**
   * A network for one worker's exclusive use (networks are not thread-safe): an idle one (at first
   * the one {@link #load} imported), or else a fresh import of the same file.
   */
  ImportedModel takeNetwork() throws ModelImportException {
    requireReady();
    ImportedModel idle = idleNetworks.poll();
    return idle != null ? idle : ModelImporter.importModel(modelFile);
  }

  /** Gives back a network taken with {@link #takeNetwork()} that no thread uses any more. */
  void returnNetwork(ImportedModel returned) {
    idleNetworks.push(returned);
  }

  /**
   * The largest absolute difference between the model's output for a reference batch ({@code .npy},
   * [batch, height, width, channels]) and the output expected for it.
   *
   * @throws IllegalArgumentException with a reason a person can act on when the arrays do not fit
   *     the model or each other
   */
  public double referenceDifference(Path input, Path expected)
      throws IOException, ModelImportException {
    INDArray batch = Npy.read(input);
    INDArray wanted = Npy.read(expected);
    ImportedModel net = takeNetwork();
    try {
      INDArray output = net.output(batch)[0];
      if (!Arrays.equals(output.shape(), wanted.shape())) {
        throw new IllegalArgumentException(
            "the model gives outputs shaped "
                + Arrays.toString(output.shape())
                + " for the reference input, but the reference output is shaped "
                + Arrays.toString(wanted.shape()));
      }
      return output
          .castTo(DataType.DOUBLE)
          .sub(wanted.castTo(DataType.DOUBLE))
          .amaxNumber()
          .doubleValue();
    } finally {
      returnNetwork(net);
    }
  }

  /**
   * Frees the native memory of every network given back; call once no queue uses this model any
   * more.
   */
  public void close() {
    for (ImportedModel idle = idleNetworks.poll(); idle != null; idle = idleNetworks.poll()) {
      idle.close();
    }
  }

  private void requireReady() {
    if (!isReady()) {
      throw new IllegalStateException("the prediction model is unavailable: " + unavailableReason);
    }
  }

  @Override
  public String toString() {
    return isReady()
        ? "LungModel[" + card.name() + " " + card.version() + ", READY]"
        : "LungModel[" + modelFile + ", UNAVAILABLE: " + unavailableReason + "]";
  }
}
