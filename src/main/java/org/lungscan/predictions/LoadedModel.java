package org.lungscan.predictions;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
 * The Keras model the hospital configured (or the demo model bundled in the WAR), loaded once at
 * startup, and the queue that feeds it. A model that cannot be loaded leaves the application
 * running, with the reason shown on readiness, the model endpoint and the pages.
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

  @Resource ManagedThreadFactory threads;
  @Resource ManagedExecutorService executor;

  private volatile String loadFailure;
  private volatile LungModel model;
  private volatile InferenceQueue queue;

  /**
   * Loads the model beside the rest of the deployment rather than after it: until it is in, the
   * model is reported as still loading (readiness down, predict 503).
   */
  void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    executor.submit(this::load);
  }

  private void load() {
    try {
      loadFrom(configuredPath.map(Path::of).orElseGet(LoadedModel::bundledModel));
    } catch (RuntimeException e) {
      loadFailure = "The model could not be loaded: " + e.getMessage();
      LOG.log(java.util.logging.Level.SEVERE, "The model could not be loaded", e);
    }
  }

  private void loadFrom(Path file) {
    long start = System.nanoTime();
    model = LungModel.load(file);
    if (model.isReady()) {
      InferenceSettings settings =
          InferenceSettings.forModel(model)
              .withQueueCapacity(queueCapacity)
              .withMaxBatchSize(maxBatch)
              .withDeadline(Duration.ofSeconds(deadlineSeconds));
      queue = new InferenceQueue(model, settings, threads);
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
    } else {
      LOG.warning(() -> "No usable model: " + model.unavailableReason().orElse("unknown reason"));
    }
  }

  @PreDestroy
  void close() {
    if (queue != null) {
      queue.close();
    }
  }

  public ModelStatus status() {
    LungModel current = model;
    if (current == null) {
      return ModelStatus.unavailable(
          loadFailure != null ? loadFailure : "The model is still loading.");
    }
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

  /** How the loaded model turns a decoded scan into its input. */
  public ScanPreprocessor preprocessor() {
    return queue().preprocessor();
  }

  /**
   * Runs the model on one preprocessed scan, waiting in the queue; refused at once when the queue
   * is full.
   */
  public Reading read(ScanTensor scan) {
    InferenceQueue current = queue();
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

  /**
   * The heatmap of every label of the loaded model for one preprocessed scan, computed on the
   * queue's networks when no prediction waits.
   *
   * @throws Unavailable when no model is loaded, or the queue is full or too slow now
   */
  public List<HeatmapGrid> heatmaps(ScanTensor scan) {
    try {
      return new Heatmaps(queue()).of(scan);
    } catch (QueueFullException full) {
      throw new Unavailable(
          "The model is busy with other scans. Please try again shortly.", full.retryAfter());
    } catch (TimeoutException e) {
      throw new Unavailable("The model did not answer in time. Please try again.", BUSY_RETRY);
    }
  }

  /** How the loaded model's heatmaps are made. @throws Unavailable when no model is loaded */
  public HeatmapGrid.Method heatmapMethod() {
    return new Heatmaps(queue()).method();
  }

  /** What the inference queue has done, and how many scans wait in it now; none without a model. */
  public java.util.Optional<InferenceQueue> inference() {
    return java.util.Optional.ofNullable(queue);
  }

  private InferenceQueue queue() {
    InferenceQueue current = queue;
    if (current == null) {
      throw new Unavailable(status().detail());
    }
    return current;
  }

  /** The demo model and its card, copied out of the WAR into the data directory once. */
  private static Path bundledModel() {
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
