package org.lungscan.models;

import static org.lungscan.audit.AuditAction.MODEL_EVALUATE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.Conflict;
import org.lungscan.predictions.inference.InferenceQueue;
import org.lungscan.predictions.inference.InferenceSettings;
import org.lungscan.predictions.inference.LungModel;
import org.lungscan.predictions.inference.ModelAnswer;
import org.lungscan.predictions.inference.ScanPreprocessor;
import org.lungscan.predictions.inference.ScanTensor;
import org.lungscan.reading.ReviewFact;
import org.lungscan.reading.ReviewService;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;
import org.lungscan.scans.images.Sampling;

/**
 * Runs a registered model over every scan a doctor reviewed and compares its classes with the
 * doctors' findings, beside the active model's. The model runs on a worker of its own (one thread,
 * its own copy of the network, batches of {@link #BATCH}), never on the live predictions' queue;
 * batches are handed over one at a time, so live predictions get the processor between them. The
 * result is kept with the model and given again while the reviews it was made against are the
 * current ones.
 */
@ApplicationScoped
public class ModelEvaluation {

  private static final Logger LOG = Logger.getLogger(ModelEvaluation.class.getName());
  static final int BATCH = 16;
  private static final Jsonb JSON =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  @Inject ModelRecords records;
  @Inject ModelStore store;
  @Inject ReviewService reviews;
  @Inject ScanService scans;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  private final Object running = new Object();

  /** One model's run over the reviewed scans: each scan's class, and when it was made. */
  public record Run(
      long modelId,
      String name,
      String version,
      String reviewsKey,
      long millis,
      Map<String, String> classes) {}

  /**
   * The answer: agreement and confusion of the model, of the active model, and what would change.
   */
  @Schema(name = "ModelEvaluation")
  public record Result(
      @Schema(format = "int64") long modelId,
      String name,
      String version,
      int evaluated,
      int agreed,
      Double rate,
      Map<String, Map<String, Integer>> confusion,
      Map<String, PerClass> perClass,
      @Schema(format = "int64") long millis,
      Comparison active)
      implements java.io.Serializable {}

  /** Per finding: how many scans had it, and how many of them the model classed so. */
  public record PerClass(int reviewed, int agreed, Double rate) implements java.io.Serializable {}

  /** The active model's figures on the same scans, and how many scans the two class differently. */
  public record Comparison(
      @Schema(format = "int64") long modelId,
      String name,
      String version,
      int agreed,
      Double rate,
      Map<String, Map<String, Integer>> confusion,
      Map<String, PerClass> perClass,
      int wouldChangeClass)
      implements java.io.Serializable {}

  public Result evaluate(long id) {
    RegisteredModel model = records.get(id);
    if (model.getStatus() == ModelState.FAILED) {
      audit(id, Outcome.FAILURE);
      throw new Conflict("The model failed its validation and cannot be evaluated.");
    }
    List<ReviewFact> reviewed = reviews.reviewedScans();
    String key = keyOf(reviewed);
    Run run = runOf(model, reviewed, key);
    Comparison comparison = null;
    Optional<RegisteredModel> active = records.active();
    if (active.isPresent()) {
      Run activeRun = active.get().getId() == id ? run : runOf(active.get(), reviewed, key);
      Result figures = figures(activeRun, reviewed, null);
      int changed = 0;
      for (ReviewFact fact : reviewed) {
        if (!Objects.equals(
            run.classes().get(Long.toString(fact.scanId())),
            activeRun.classes().get(Long.toString(fact.scanId())))) {
          changed++;
        }
      }
      comparison =
          new Comparison(
              activeRun.modelId(),
              activeRun.name(),
              activeRun.version(),
              figures.agreed(),
              figures.rate(),
              figures.confusion(),
              figures.perClass(),
              changed);
    }
    audit(id, Outcome.SUCCESS);
    return figures(run, reviewed, comparison);
  }

  private void audit(long id, Outcome outcome) {
    audit.record(
        AccountService.actorOf(doctor.get()), MODEL_EVALUATE, ModelRegistry.RESOURCE, id, outcome);
  }

  private static Result figures(Run run, List<ReviewFact> reviewed, Comparison active) {
    Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    Map<String, int[]> perClass = new TreeMap<>();
    int agreed = 0;
    int evaluated = 0;
    for (ReviewFact fact : reviewed) {
      String predicted = run.classes().get(Long.toString(fact.scanId()));
      if (predicted == null) {
        continue;
      }
      evaluated++;
      boolean same = predicted.equals(fact.finding());
      agreed += same ? 1 : 0;
      confusion
          .computeIfAbsent(fact.finding(), f -> new TreeMap<>())
          .merge(predicted, 1, Integer::sum);
      int[] counts = perClass.computeIfAbsent(fact.finding(), f -> new int[2]);
      counts[0]++;
      counts[1] += same ? 1 : 0;
    }
    Map<String, PerClass> classes = new LinkedHashMap<>();
    perClass.forEach((f, c) -> classes.put(f, new PerClass(c[0], c[1], (double) c[1] / c[0])));
    return new Result(
        run.modelId(),
        run.name(),
        run.version(),
        evaluated,
        agreed,
        evaluated == 0 ? null : (double) agreed / evaluated,
        confusion,
        classes,
        run.millis(),
        active);
  }

  /** The kept run when it was made against the current reviews; otherwise a new one, kept. */
  private Run runOf(RegisteredModel model, List<ReviewFact> reviewed, String key) {
    Run kept = kept(model);
    if (kept != null && kept.reviewsKey().equals(key)) {
      return kept;
    }
    synchronized (running) {
      Run run = run(model, reviewed, key);
      records.saveEvaluation(model.getId(), JSON.toJson(run));
      return run;
    }
  }

  private static Run kept(RegisteredModel model) {
    String json = model.getEvaluation();
    if (json == null) {
      return null;
    }
    try {
      return JSON.fromJson(json, Run.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Which reviews a run was made against: their ids, in order. */
  private static String keyOf(List<ReviewFact> reviewed) {
    StringBuilder ids = new StringBuilder();
    reviewed.forEach(r -> ids.append(r.reviewId()).append(','));
    return Integer.toHexString(ids.toString().hashCode()) + ":" + reviewed.size();
  }

  private Run run(RegisteredModel model, List<ReviewFact> reviewed, String key) {
    long start = System.nanoTime();
    LungModel network = LungModel.load(store.fileOf(model));
    if (!network.isReady()) {
      throw new Conflict(
          "The model cannot be loaded: " + network.unavailableReason().orElse("unknown reason"));
    }
    InferenceSettings settings =
        InferenceSettings.forModel(network)
            .withWorkers(1)
            .withMaxBatchSize(BATCH)
            .withQueueCapacity(BATCH)
            .withDeadline(Duration.ofMinutes(10));
    InferenceQueue queue = new InferenceQueue(network, settings, lowPriority());
    Map<String, String> classes = new HashMap<>();
    try {
      ScanPreprocessor preprocessor = queue.preprocessor();
      for (int from = 0; from < reviewed.size(); from += BATCH) {
        List<ReviewFact> batch = reviewed.subList(from, Math.min(reviewed.size(), from + BATCH));
        List<Long> ids = new ArrayList<>();
        List<CompletableFuture<ModelAnswer>> answers = new ArrayList<>();
        for (ReviewFact fact : batch) {
          LungScan scan = records.scan(fact.scanId());
          if (scan == null) {
            continue;
          }
          ScanTensor tensor = scans.withPixels(scan, exact(preprocessor), preprocessor::preprocess);
          ids.add(fact.scanId());
          answers.add(queue.predict(tensor));
        }
        for (int i = 0; i < ids.size(); i++) {
          classes.put(
              Long.toString(ids.get(i)), answers.get(i).get(10, TimeUnit.MINUTES).predictedLabel());
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the evaluation of model " + model.getId() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the evaluation was interrupted", e);
    } finally {
      queue.close();
      network.close();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        () ->
            "Model "
                + model.getId()
                + " evaluated on "
                + reviewed.size()
                + " reviewed scans in "
                + millis
                + " ms");
    return new Run(model.getId(), model.getName(), model.getVersion(), key, millis, classes);
  }

  private static Sampling.Rule exact(ScanPreprocessor preprocessor) {
    return (width, height) -> {
      ScanPreprocessor.Subsampling exact = preprocessor.exactSubsampling(width, height);
      return new Sampling(exact.stepX(), exact.offsetX(), exact.stepY(), exact.offsetY());
    };
  }

  private static ThreadFactory lowPriority() {
    return work -> {
      Thread thread = new Thread(work, "model-evaluation");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      return thread;
    };
  }
}
