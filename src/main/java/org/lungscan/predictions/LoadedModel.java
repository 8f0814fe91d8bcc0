package org.lungscan.predictions;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.Settings;
import org.lungscan.platform.Unavailable;
import org.lungscan.predictions.inference.HeatmapGrid;
import org.lungscan.predictions.inference.Heatmaps;
import org.lungscan.predictions.inference.InferenceQueue;
import org.lungscan.predictions.inference.InferenceSettings;
import org.lungscan.predictions.inference.LungModel;
import org.lungscan.predictions.inference.QueueFullException;
import org.lungscan.predictions.inference.ScanPreprocessor;
import org.lungscan.predictions.inference.ScanTensor;

/**
 * The model that predicts, and the queue that feeds it: at startup the one the model registry
 * chooses ({@link ModelChoice}; without a registry the configured file, or the demo model bundled
 * in the WAR), later whichever {@link #use} swaps in. A model that cannot be loaded leaves the
 * application running, with the reason shown on readiness, the model endpoint and the pages.
 *
 * <p>A swap takes effect for the next prediction; a prediction or heatmap already running keeps the
 * model it started with ({@link #acquire}), and the old model's queue is closed and its networks'
 * native memory freed once the last of them is done, in the background ({@link ModelHolds}):
 * neither the swap nor that last prediction waits for it.
 */
@ApplicationScoped
public class LoadedModel {

  private static final Logger LOG = Logger.getLogger(LoadedModel.class.getName());
  static final String BUNDLED = "lungscan-demo";
  private static final Duration BUSY_RETRY = Duration.ofSeconds(2);

  @Inject
  @ConfigProperty(name = "lungscan.model.path")
  Optional<String> configuredPath;

  @Inject
  @ConfigProperty(name = "lungscan.inference.queue-capacity")
  int queueCapacity;

  @Inject
  @ConfigProperty(name = "lungscan.inference.max-batch")
  int maxBatch;

  @Inject
  @ConfigProperty(name = "lungscan.inference.deadline-seconds")
  int deadlineSeconds;

  @Inject Instance<ModelChoice> choice;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedExecutorService executor;

  private volatile String loadFailure;
  private volatile Engine engine;

  /** A model with its queue, and the holds of the predictions using it right now. */
  private final class Engine {
    final LungModel model;
    final InferenceQueue queue;
    final ModelHolds holds;

    Engine(LungModel model, InferenceQueue queue) {
      this.model = model;
      this.queue = queue;
      this.holds = new ModelHolds(() -> closeRetired(model, queue), executor);
    }
  }

  /**
   * Loads the model at startup ({@link ModelAtStartup}) on a thread of its own, beside the rest of
   * the deployment rather than after it: until it is in, the model is reported as still loading
   * (readiness down, predict 503).
   */
  void loadInBackground() {
    executor.submit(this::loadChosen);
  }

  private void loadChosen() {
    try {
      Path fallback = configuredPath.map(Path::of).orElseGet(LoadedModel::bundledModel);
      Path file =
          choice.isResolvable()
              ? choice.get().atStartup(fallback, configuredPath.isPresent())
              : fallback;
      swapIn(load(file));
    } catch (RuntimeException e) {
      loadFailure = "The model could not be loaded: " + e.getMessage();
      LOG.log(java.util.logging.Level.SEVERE, "The model could not be loaded", e);
    }
  }

  /**
   * Loads the model file (its card beside it) and, when it is usable, makes it the one that
   * predicts from the next prediction on.
   *
   * @return the loaded model's status; when not ready, the model in use is unchanged
   */
  public synchronized ModelStatus use(Path file) {
    Engine loaded = load(file);
    if (loaded.queue == null) {
      ModelStatus refused = statusOf(loaded.model);
      loaded.model.close();
      return refused;
    }
    swapIn(loaded);
    return status();
  }

  /** The file of the model in use, if one is loaded. */
  public Optional<Path> modelFile() {
    Engine current = engine;
    return current == null ? Optional.empty() : Optional.of(current.model.modelFile());
  }

  private Engine load(Path file) {
    long start = System.nanoTime();
    LungModel model = LungModel.load(file);
    if (!model.isReady()) {
      LOG.warning(() -> "No usable model: " + model.unavailableReason().orElse("unknown reason"));
      return new Engine(model, null);
    }
    InferenceSettings settings =
        InferenceSettings.forModel(model)
            .withQueueCapacity(queueCapacity)
            .withMaxBatchSize(maxBatch)
            .withDeadline(Duration.ofSeconds(deadlineSeconds));
    Engine loaded = new Engine(model, new InferenceQueue(model, settings, threads));
    LOG.info(
        () ->
            "Model "
                + model.name()
                + " "
                + model.version()
                + " loaded from "
                + file
                + " in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms");
    return loaded;
  }

  private synchronized void swapIn(Engine loaded) {
    Engine old = engine;
    engine = loaded;
    if (old != null) {
      old.holds.retire();
    }
  }

  private static void closeRetired(LungModel model, InferenceQueue queue) {
    long start = System.nanoTime();
    if (queue != null) {
      queue.close();
    }
    model.close();
    LOG.info(
        () ->
            "Retired model "
                + model.name()
                + " "
                + model.version()
                + " closed in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms: its workers stopped and its networks' native memory freed");
  }

  @PreDestroy
  void close() {
    Engine current = engine;
    if (current != null && current.queue != null) {
      current.queue.close();
    }
  }

  public ModelStatus status() {
    Engine current = engine;
    if (current == null) {
      return ModelStatus.unavailable(
          loadFailure != null ? loadFailure : "The model is still loading.");
    }
    return statusOf(current.model);
  }

  private static ModelStatus statusOf(LungModel current) {
    if (!current.isReady()) {
      return ModelStatus.unavailable(
          current.unavailableReason().orElse("The model could not be loaded."));
    }
    var card = current.card();
    return new ModelStatus(
        current.name(),
        current.version(),
        true,
        "The model is loaded and ready.",
        current.labels(),
        card.cancerLabels(),
        current.input().height(),
        current.input().width(),
        current.input().channels(),
        current.intendedUse(),
        current.isDemo(),
        current.loadedAt());
  }

  /**
   * The model in use, held until closed: a swap meanwhile does not take it away, so a prediction
   * preprocesses, runs and records with one model.
   *
   * @throws Unavailable when no usable model is loaded
   */
  public InUse acquire() {
    while (true) {
      Engine current = engine;
      if (current == null || current.queue == null) {
        throw new Unavailable(status().detail());
      }
      if (current.holds.take()) {
        return new InUse(current);
      }
    }
  }

  /** One prediction's hold on the model in use. */
  public final class InUse implements AutoCloseable {

    private final Engine held;
    private boolean closed;

    private InUse(Engine held) {
      this.held = held;
    }

    public ModelStatus status() {
      return statusOf(held.model);
    }

    /** How this model turns a decoded scan into its input. */
    public ScanPreprocessor preprocessor() {
      return held.queue.preprocessor();
    }

    /**
     * Runs the model on one preprocessed scan, waiting in the queue; refused at once when the queue
     * is full.
     */
    public Reading read(ScanTensor scan) {
      return LoadedModel.this.read(held.queue, scan);
    }

    /**
     * The heatmap of every label of this model for one preprocessed scan, computed on its queue's
     * networks when no prediction waits.
     *
     * @throws Unavailable when the queue is full or too slow now
     */
    public List<HeatmapGrid> heatmaps(ScanTensor scan) {
      try {
        return new Heatmaps(held.queue).of(scan);
      } catch (QueueFullException full) {
        throw new Unavailable(
            "The model is busy with other scans. Please try again shortly.", full.retryAfter());
      } catch (TimeoutException e) {
        throw new Unavailable("The model did not answer in time. Please try again.", BUSY_RETRY);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        held.holds.letGo();
      }
    }
  }

  private Reading read(InferenceQueue current, ScanTensor scan) {
    try {
      var prediction = current.predict(scan).get(deadlineSeconds + 5L, TimeUnit.SECONDS);
      return new Reading(prediction.probabilities(), prediction.inferenceMillis());
    } catch (QueueFullException full) {
      throw new Unavailable(
          "The model is busy with other scans. Please try again shortly.", full.retryAfter());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof QueueFullException full) {
        throw new Unavailable(
            "The model is busy with other scans. Please try again shortly.", full.retryAfter());
      }
      if (e.getCause() instanceof TimeoutException) {
        throw new Unavailable("The model did not answer in time. Please try again.", BUSY_RETRY);
      }
      throw new IllegalStateException("the model failed on a scan", e.getCause());
    } catch (TimeoutException e) {
      throw new Unavailable("The model did not answer in time. Please try again.", BUSY_RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("The server is shutting down.", BUSY_RETRY);
    }
  }

  /** How the loaded model's heatmaps are made. @throws Unavailable when no model is loaded */
  public HeatmapGrid.Method heatmapMethod() {
    return new Heatmaps(queue()).method();
  }

  /** What the inference queue has done, and how many scans wait in it now; none without a model. */
  public java.util.Optional<InferenceQueue> inference() {
    Engine current = engine;
    return java.util.Optional.ofNullable(current == null ? null : current.queue);
  }

  /** How the model in use turns a decoded scan into its input. */
  public ScanPreprocessor preprocessor() {
    return queue().preprocessor();
  }

  private InferenceQueue queue() {
    Engine current = engine;
    if (current == null || current.queue == null) {
      throw new Unavailable(status().detail());
    }
    return current.queue;
  }

  /** The demo model and its card, copied out of the WAR into the data directory once. */
  public static Path bundledModel() {
    Path directory = Settings.dataDirectory().resolve("bundled-model");
    try {
      Files.createDirectories(directory);
      copy("/models/" + BUNDLED + ".card.json", directory.resolve(BUNDLED + ".card.json"));
      return copy("/models/" + BUNDLED + ".h5", directory.resolve(BUNDLED + ".h5"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the bundled demo model into " + directory, e);
    }
  }

  private static Path copy(String resource, Path target) throws IOException {
    try (InputStream in = LoadedModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the WAR has no " + resource);
      }
      Path temporary = Files.createTempFile(target.getParent(), "model", ".tmp");
      Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return target;
  }
}
