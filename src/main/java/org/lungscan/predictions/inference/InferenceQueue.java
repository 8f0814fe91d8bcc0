package org.lungscan.predictions.inference;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.lungscan.predictions.kerasimport.ModelImportException;

/**
 * Runs predictions for many callers on networks that are not thread-safe: requests wait in a
 * bounded queue; each worker takes all waiting requests (up to the batch size) and computes them in
 * one forward pass. A full queue refuses at once ({@link QueueFullException} with a retry-after
 * hint); every request has a deadline, after which its future fails with a {@link
 * java.util.concurrent.TimeoutException}.
 *
 * <p>Thread-safe. Images are preprocessed in the caller's thread. {@link #close()} stops the
 * workers and fails whatever is still waiting.
 */
public final class InferenceQueue implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InferenceQueue.class.getName());
  private static final long CLOSE_WAIT_MILLIS = 30_000;

  private final LungModel model;
  private final InferenceSettings settings;
  private final ScanPreprocessor preprocessor;
  private final BlockingQueue<PendingPrediction> queue;
  private final BlockingQueue<BackgroundJob<?>> background;
  private final InferenceCounters counters = new InferenceCounters();
  private final DeadlineClock clock;
  private final List<Thread> workers = new ArrayList<>();
  private final List<ImportedModel> networks;
  private volatile boolean running = true;

  /** Starts the workers on their own daemon threads. */
  public InferenceQueue(LungModel model, InferenceSettings settings) {
    this(model, settings, namedDaemonThreads());
  }

  /**
   * @param threads makes the worker and deadline threads (e.g. a container's ManagedThreadFactory)
   * @throws IllegalStateException if the model is unavailable or a worker's copy of it cannot be
   *     imported
   */
  public InferenceQueue(LungModel model, InferenceSettings settings, ThreadFactory threads) {
    this(model, settings, threads, DeadlineClock.system(threads));
  }

  /** With {@code clock} deciding when deadlines pass (tests control time through it). */
  InferenceQueue(
      LungModel model, InferenceSettings settings, ThreadFactory threads, DeadlineClock clock) {
    this.model = model;
    this.clock = clock;
    this.settings = settings;
    this.preprocessor = new ScanPreprocessor(model.card());
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.background = new ArrayBlockingQueue<>(settings.queueCapacity());
    NativeThreads.limitProcess(settings.threadsPerCall());
    this.networks = takeNetworks(model, settings.workers());
    OutputReader reader = new OutputReader(model.card());
    for (ImportedModel network : networks) {
      Thread worker =
          threads.newThread(
              new InferenceWorker(
                  network,
                  reader,
                  queue,
                  background,
                  settings,
                  counters,
                  clock::nanoTime,
                  () -> running));
      workers.add(worker);
      worker.start();
    }
    LOG.info(() -> "inference queue for " + model.name() + ": " + settings);
  }

  /**
   * Preprocesses {@code image} here, then queues it. @throws QueueFullException if the queue is
   * full
   */
  public CompletableFuture<ModelAnswer> predict(BufferedImage image) {
    return predict(preprocessor.preprocess(image));
  }

  /** Queues an already preprocessed scan. @throws QueueFullException if the queue is full */
  public CompletableFuture<ModelAnswer> predict(ScanTensor tensor) {
    ModelCard.Input input = model.input();
    if (!tensor.hasShape(input.height(), input.width(), input.channels())) {
      throw new IllegalArgumentException("the model takes " + input + " scans, not " + tensor);
    }
    if (!running) {
      throw new RejectedExecutionException("the inference queue is closed");
    }
    PendingPrediction request = PendingPrediction.of(tensor, settings.deadline(), clock.nanoTime());
    if (!queue.offer(request)) {
      counters.refused();
      throw new QueueFullException(settings.queueCapacity(), retryAfter());
    }
    try {
      watchDeadline(request);
    } catch (RejectedExecutionException e) {
      // close() ran meanwhile: nobody would answer or time out this request.
      queue.remove(request);
      throw new RejectedExecutionException("the inference queue is closed", e);
    }
    return request.future();
  }

  /**
   * Runs {@code task} on one of the workers' networks when no prediction is waiting, so that
   * background work (heatmaps) never delays a prediction by more than one task. Keep tasks short:
   * split long work into several. @throws QueueFullException if as many tasks as predictions fit in
   * the queue are already waiting
   */
  public <T> CompletableFuture<T> whenIdle(NetworkTask<T> task) {
    if (!running) {
      throw new RejectedExecutionException("the inference queue is closed");
    }
    BackgroundJob<T> job = new BackgroundJob<>(task, new CompletableFuture<>());
    if (!background.offer(job)) {
      throw new QueueFullException(settings.queueCapacity(), retryAfter());
    }
    return job.future();
  }

  /** The model this queue runs. */
  public LungModel model() {
    return model;
  }

  public ScanPreprocessor preprocessor() {
    return preprocessor;
  }

  public InferenceSettings settings() {
    return settings;
  }

  public InferenceStatistics statistics() {
    return counters.snapshot();
  }

  /** Requests waiting now. */
  public int waiting() {
    return queue.size();
  }

  /**
   * Stops taking requests, lets running forward passes finish, fails the requests still waiting and
   * gives the networks back to the model. Later calls do nothing.
   */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    clock.stop();
    for (int i = 0; i < workers.size(); i++) {
      if (joinQuietly(workers.get(i))) {
        model.returnNetwork(networks.get(i));
      }
    }
    List<BackgroundJob<?>> jobs = new ArrayList<>();
    background.drainTo(jobs);
    jobs.forEach(
        job ->
            job.future()
                .completeExceptionally(
                    new RejectedExecutionException("the inference queue was closed")));
    List<PendingPrediction> left = new ArrayList<>();
    queue.drainTo(left);
    left.stream()
        .filter(PendingPrediction::claim)
        .forEach(
            request ->
                request
                    .future()
                    .completeExceptionally(
                        new RejectedExecutionException("the inference queue was closed")));
  }

  private void watchDeadline(PendingPrediction request) {
    Future<?> timer = clock.runAt(request.deadlineNanos(), () -> counters.expire(request));
    request.future().whenComplete((prediction, failure) -> timer.cancel(false));
  }

  /**
   * Time for the workers to get through a full queue at the recent speed, whole seconds, at least
   * 1.
   */
  private Duration retryAfter() {
    double millis = counters.millisPerImage() * settings.queueCapacity() / settings.workers();
    return Duration.ofSeconds(Math.max(1, (long) Math.ceil(millis / 1000)));
  }

  private static List<ImportedModel> takeNetworks(LungModel model, int count) {
    List<ImportedModel> taken = new ArrayList<>();
    try {
      while (taken.size() < count) {
        taken.add(model.takeNetwork());
      }
    } catch (ModelImportException e) {
      taken.forEach(model::returnNetwork);
      throw new IllegalStateException(
          "a network for an inference worker cannot be imported: " + e.getMessage(), e);
    }
    return taken;
  }

  /** True once the worker has ended (its network is free again). */
  private static boolean joinQuietly(Thread worker) {
    try {
      worker.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !worker.isAlive();
  }

  private static ThreadFactory namedDaemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "lungscan-inference-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
