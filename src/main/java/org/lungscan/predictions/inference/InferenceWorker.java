package org.lungscan.predictions.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One inference thread: takes every request waiting (up to the batch size), runs them through its
 * own copy of the network in one forward pass, and answers each. Requests already answered (their
 * deadline passed) are skipped.
 */
final class InferenceWorker implements Runnable {

  private static final Logger LOG = Logger.getLogger(InferenceWorker.class.getName());
  private static final long IDLE_POLL_MILLIS = 100;

  private final ImportedModel network;
  private final OutputReader outputReader;
  private final BlockingQueue<PendingPrediction> queue;
  private final BlockingQueue<BackgroundJob<?>> background;
  private final int maxBatchSize;
  private final int threadsPerCall;
  private final InferenceCounters counters;
  private final LongSupplier nanoTime;
  private final BooleanSupplier running;

  InferenceWorker(
      ImportedModel network,
      OutputReader outputReader,
      BlockingQueue<PendingPrediction> queue,
      BlockingQueue<BackgroundJob<?>> background,
      InferenceSettings settings,
      InferenceCounters counters,
      LongSupplier nanoTime,
      BooleanSupplier running) {
    this.network = network;
    this.outputReader = outputReader;
    this.queue = queue;
    this.background = background;
    this.maxBatchSize = settings.maxBatchSize();
    this.threadsPerCall = settings.threadsPerCall();
    this.counters = counters;
    this.nanoTime = nanoTime;
    this.running = running;
  }

  @Override
  public void run() {
    NativeThreads.limitThisThread(threadsPerCall);
    try {
      while (running.getAsBoolean()) {
        List<PendingPrediction> batch = nextBatch(background.isEmpty() ? IDLE_POLL_MILLIS : 0);
        if (!batch.isEmpty()) {
          answer(batch);
        } else {
          runOneBackgroundJob();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // ND4J keeps working memory per thread; free it now rather than whenever the GC notices.
      Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }
  }

  /** Background work runs only when no prediction waits, one short job at a time. */
  private void runOneBackgroundJob() {
    BackgroundJob<?> job = background.poll();
    if (job != null) {
      job.runOn(network);
    }
  }

  private List<PendingPrediction> nextBatch(long waitMillis) throws InterruptedException {
    PendingPrediction first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
    List<PendingPrediction> batch = new ArrayList<>(maxBatchSize);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    queue.drainTo(batch, maxBatchSize - 1);
    long now = nanoTime.getAsLong();
    batch.removeIf(request -> dropIfExpired(request, now));
    return batch;
  }

  private boolean dropIfExpired(PendingPrediction request, long now) {
    if (request.isPastDeadline(now)) {
      counters.expire(request);
    }
    return request.isAnswered();
  }

  private void answer(List<PendingPrediction> batch) {
    try {
      long start = System.nanoTime();
      float[][] rows = forwardPass(batch);
      double millis = (System.nanoTime() - start) / 1e6;
      counters.forwardPass(batch.size(), millis);
      for (int i = 0; i < batch.size(); i++) {
        complete(batch.get(i), rows[i], millis, batch.size());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a forward pass of " + batch.size() + " scan(s) failed", e);
      batch.forEach(request -> fail(request, e));
    }
  }

  private float[][] forwardPass(List<PendingPrediction> batch) {
    ScanTensor first = batch.get(0).tensor();
    float[] stacked = new float[batch.size() * first.size()];
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).tensor().copyTo(stacked, i * first.size());
    }
    long[] shape = {batch.size(), first.height(), first.width(), first.channels()};
    INDArray output = network.output(Nd4j.create(stacked, shape, DataType.FLOAT))[0];
    return output.castTo(DataType.FLOAT).toFloatMatrix();
  }

  private void complete(PendingPrediction request, float[] row, double millis, int batchSize) {
    ModelAnswer prediction;
    try {
      prediction = outputReader.read(row, millis, batchSize);
    } catch (ModelOutputException e) {
      fail(request, e);
      return;
    }
    // Counted before the caller can see the answer, so statistics never lag behind an answered
    // future.
    if (request.claim()) {
      counters.predicted(1);
      request.future().complete(prediction);
    }
  }

  private void fail(PendingPrediction request, RuntimeException e) {
    if (request.claim()) {
      counters.failed(1);
      request.future().completeExceptionally(e);
    }
  }
}
