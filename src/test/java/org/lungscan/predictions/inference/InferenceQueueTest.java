package org.lungscan.predictions.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.lungscan.testing.Poll;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InferenceQueueTest {

  private static final Logger LOG = Logger.getLogger(InferenceQueueTest.class.getName());
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static List<ScanTensor> scans;
  private static List<float[]> singleCallOutputs;

  @BeforeAll
  static void referenceScansAndTheirSingleCallResults() throws Exception {
    ImportedModel network = LungModel.load(ReferenceBatch.DEMO_MODEL).takeNetwork();
    INDArray input = ReferenceBatch.input();
    scans = new ArrayList<>();
    singleCallOutputs = new ArrayList<>();
    for (int i = 0; i < input.size(0); i++) {
      ScanTensor scan = ReferenceBatch.inputRow(input, i);
      scans.add(scan);
      INDArray one = Nd4j.create(scan.values(), new long[] {1, 64, 64, 1}, DataType.FLOAT);
      singleCallOutputs.add(network.output(one)[0].toFloatVector());
    }
  }

  @Test
  void concurrentCallersEachGetTheirOwnScansResultAndRequestsAreBatched() throws Exception {
    try (InferenceQueue queue = new InferenceQueue(demoModel(), InferenceSettings.defaults())) {
      List<CompletableFuture<ModelAnswer>> futures = submitFromThreads(queue, 16, 4);
      assertAllMatchSingleCalls(futures);
      InferenceStatistics statistics = queue.statistics();
      LOG.info(() -> "64 predictions from 16 threads: " + statistics);
      assertEquals(64, statistics.predicted());
      assertTrue(statistics.largestBatch() > 1, "no batching: " + statistics);
      assertTrue(statistics.forwardPasses() < 64, statistics.toString());
      assertEquals(
          statistics.forwardPasses(),
          statistics.forwardPassesByBatchSize().values().stream().mapToLong(Long::longValue).sum());
    }
  }

  @Test
  void severalWorkersEachWithTheirOwnNetworkGiveTheSameResults() throws Exception {
    try (InferenceQueue queue =
        new InferenceQueue(demoModel(), InferenceSettings.defaults().withWorkers(2))) {
      assertEquals(
          Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
          queue.settings().threadsPerCall());
      assertAllMatchSingleCalls(submitFromThreads(queue, 4, 6));
    }
  }

  @Test
  void aFullQueueRefusesAtOnceWithARetryAfterHint() throws Exception {
    // The workers are held, so nothing leaves the queue: a caller that waited for room instead of
    // being refused would wait forever, and the preemptive timeout would fail the test.
    CountDownLatch workersMayStart = new CountDownLatch(1);
    InferenceSettings settings =
        InferenceSettings.defaults().withQueueCapacity(4).withMaxBatchSize(1);
    InferenceQueue queue =
        new InferenceQueue(
            demoModel(), settings, heldUntil(workersMayStart), new ManualDeadlineClock());
    try {
      List<CompletableFuture<ModelAnswer>> accepted = new ArrayList<>();
      List<QueueFullException> refusals = new ArrayList<>();
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            for (int i = 0; i < 100; i++) {
              try {
                accepted.add(queue.predict(scans.get(i % scans.size())));
              } catch (QueueFullException e) {
                refusals.add(e);
              }
            }
          },
          "a caller waited for room in a full queue");
      assertFalse(refusals.isEmpty(), "100 requests into a queue of 4 were all accepted");
      assertEquals(4, accepted.size(), "a full queue of 4 accepted more");
      Duration retryAfter = refusals.get(0).retryAfter();
      assertTrue(retryAfter.compareTo(Duration.ofSeconds(1)) >= 0, retryAfter.toString());
      assertEquals(refusals.size(), queue.statistics().refused());
      workersMayStart.countDown();
      CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      workersMayStart.countDown(); // before close(), which waits for the workers
      queue.close();
    }
  }

  @Test
  void noCallerWaitsPastTheDeadline() throws Exception {
    ManualDeadlineClock clock = new ManualDeadlineClock();
    CountDownLatch workersMayStart = new CountDownLatch(1);
    InferenceQueue queue =
        new InferenceQueue(demoModel(), oneAtATime(), heldUntil(workersMayStart), clock);
    try {
      List<CompletableFuture<ModelAnswer>> futures = submit(queue, 8);

      clock.advance(DEADLINE.minusNanos(1));
      assertTrue(futures.stream().noneMatch(Future::isDone), "failed before its deadline");
      clock.advance(Duration.ofNanos(1));
      futures.forEach(InferenceQueueTest::assertTimedOut);
      assertEquals(8, queue.statistics().expired());

      workersMayStart.countDown();
      Poll.until(
          Duration.ofSeconds(30),
          () -> queue.waiting() == 0,
          "the worker took the expired requests",
          () -> queue.waiting() + " waiting");
      queue.close();
      InferenceStatistics statistics = queue.statistics();
      assertEquals(0, statistics.forwardPasses(), "an expired request was computed: " + statistics);
      assertEquals(0, statistics.predicted(), statistics.toString());
      assertEquals(8, statistics.expired(), statistics.toString());
    } finally {
      workersMayStart.countDown(); // before close(), which waits for the workers
      queue.close();
    }
  }

  @Test
  void aRequestPastItsDeadlineIsNotComputedEvenWhenItsTimerIsLate() throws Exception {
    ManualDeadlineClock clock = new ManualDeadlineClock();
    CountDownLatch workersMayStart = new CountDownLatch(1);
    InferenceQueue queue =
        new InferenceQueue(demoModel(), oneAtATime(), heldUntil(workersMayStart), clock);
    try {
      List<CompletableFuture<ModelAnswer>> futures = submit(queue, 4);
      clock.advanceWithTimersLate(DEADLINE);

      workersMayStart.countDown();
      for (CompletableFuture<ModelAnswer> future : futures) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
      }
      assertEquals(0, queue.statistics().forwardPasses(), queue.statistics().toString());
      assertEquals(4, queue.statistics().expired());
    } finally {
      workersMayStart.countDown(); // before close(), which waits for the workers
      queue.close();
    }
  }

  @Test
  void anAnsweredRequestDoesNotTimeOutLater() throws Exception {
    ManualDeadlineClock clock = new ManualDeadlineClock();
    try (InferenceQueue queue =
        new InferenceQueue(demoModel(), oneAtATime(), daemonThreads(), clock)) {
      CompletableFuture<ModelAnswer> answer = queue.predict(scans.get(0));
      assertTrue(answer.get(30, TimeUnit.SECONDS).probabilities().size() > 0);

      clock.advance(DEADLINE.multipliedBy(2));

      assertFalse(answer.isCompletedExceptionally());
      assertEquals(1, queue.statistics().predicted());
      assertEquals(0, queue.statistics().expired());
    }
  }

  @Test
  void closeStopsTheWorkersAndFailsWhatIsStillWaiting() {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "test-inference");
          threads.add(thread);
          return thread;
        };
    InferenceQueue queue =
        new InferenceQueue(demoModel(), InferenceSettings.defaults().withMaxBatchSize(1), factory);
    List<CompletableFuture<ModelAnswer>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      futures.add(queue.predict(scans.get(i % scans.size())));
    }
    queue.close();
    for (CompletableFuture<ModelAnswer> future : futures) {
      assertTrue(future.isDone());
      if (future.isCompletedExceptionally()) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
      }
    }
    threads.forEach(thread -> assertFalse(thread.isAlive(), thread.getName()));
    assertThrows(RejectedExecutionException.class, () -> queue.predict(scans.get(0)));
  }

  @Test
  void scansOfTheWrongShapeAreRefused() {
    try (InferenceQueue queue = new InferenceQueue(demoModel(), InferenceSettings.defaults())) {
      ScanTensor wrong = ScanTensor.of(32, 32, 1, new float[32 * 32]);
      assertThrows(IllegalArgumentException.class, () -> queue.predict(wrong));
    }
  }

  private static InferenceSettings oneAtATime() {
    return InferenceSettings.defaults().withMaxBatchSize(1).withDeadline(DEADLINE);
  }

  private static List<CompletableFuture<ModelAnswer>> submit(InferenceQueue queue, int count) {
    List<CompletableFuture<ModelAnswer>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(queue.predict(scans.get(i % scans.size())));
    }
    return futures;
  }

  private static void assertTimedOut(CompletableFuture<ModelAnswer> future) {
    assertTrue(future.isDone(), "a caller still waits past its deadline");
    CompletionException e = assertThrows(CompletionException.class, future::join);
    assertInstanceOf(TimeoutException.class, e.getCause());
  }

  /** Worker threads that start their work only once the latch opens. */
  private static ThreadFactory heldUntil(CountDownLatch open) {
    return task ->
        daemon(
            () -> {
              try {
                open.await();
              } catch (InterruptedException e) {
                return;
              }
              task.run();
            });
  }

  private static ThreadFactory daemonThreads() {
    return InferenceQueueTest::daemon;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "test-inference");
    thread.setDaemon(true);
    return thread;
  }

  private static LungModel demoModel() {
    LungModel model = LungModel.load(ReferenceBatch.DEMO_MODEL);
    assertTrue(model.isReady(), model.toString());
    return model;
  }

  /**
   * {@code threads} callers, each submitting {@code each} scans at once; futures in submission
   * order per caller.
   */
  private static List<CompletableFuture<ModelAnswer>> submitFromThreads(
      InferenceQueue queue, int threads, int each) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<CompletableFuture<ModelAnswer>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int caller = t;
        submitted.add(
            callers.submit(
                () -> {
                  start.await();
                  List<CompletableFuture<ModelAnswer>> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    mine.add(queue.predict(scans.get(index(caller, i, each))));
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<CompletableFuture<ModelAnswer>> all = new ArrayList<>();
      for (Future<List<CompletableFuture<ModelAnswer>>> future : submitted) {
        all.addAll(future.get(30, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      callers.shutdown();
    }
  }

  private static int index(int caller, int i, int each) {
    return (caller * each + i) % scans.size();
  }

  private static void assertAllMatchSingleCalls(List<CompletableFuture<ModelAnswer>> futures)
      throws Exception {
    for (int n = 0; n < futures.size(); n++) {
      ModelAnswer prediction = futures.get(n).get(30, TimeUnit.SECONDS);
      float[] expected = singleCallOutputs.get(n % scans.size());
      List<Double> actual = List.copyOf(prediction.probabilities().values());
      for (int j = 0; j < expected.length; j++) {
        double difference = Math.abs(actual.get(j) - expected[j]);
        assertTrue(
            difference <= 1e-5, "prediction " + n + " class " + j + " differs by " + difference);
      }
    }
  }
}
