package org.lungscan.predictions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A retired model is closed once, in the background, after its last hold is let go: the activation
 * that retires it and the prediction that lets it go both return with the model still open.
 */
class ModelHoldsTest {

  private final AtomicInteger closed = new AtomicInteger();
  private final List<Runnable> background = new ArrayList<>();
  private final ModelHolds holds = new ModelHolds(closed::incrementAndGet, background::add);

  @Test
  void aRetiredModelNobodyHoldsIsClosedInTheBackgroundNotByTheActivation() {
    holds.retire();

    assertEquals(0, closed.get(), "the activation returned before the model was closed");
    assertEquals(1, background.size());
    background.get(0).run();
    assertEquals(1, closed.get());
  }

  @Test
  void theActivationDoesNotWaitForAPredictionStillHoldingTheOldModel() {
    assertTrue(holds.take());

    holds.retire();

    assertTrue(background.isEmpty(), "nothing closed while the prediction holds the model");
    assertFalse(holds.closing());
    holds.letGo();
    assertEquals(0, closed.get(), "the prediction's thread did not close the model either");
    assertEquals(1, background.size());
    background.get(0).run();
    assertEquals(1, closed.get());
  }

  @Test
  void theModelIsClosedOnlyAfterTheLastOfSeveralHoldsIsLetGo() {
    assertTrue(holds.take());
    assertTrue(holds.take());
    holds.retire();

    holds.letGo();
    assertTrue(background.isEmpty());
    holds.letGo();
    assertEquals(1, background.size());
  }

  @Test
  void aRetiredModelCannotBeTakenAndIsNotClosedTwice() {
    holds.retire();

    assertFalse(holds.take());
    assertFalse(holds.take());
    assertEquals(1, background.size(), "one close, however many refused takes");
  }

  @Test
  void whenTheBackgroundRefusesTheCallerCloses() {
    Executor shuttingDown =
        task -> {
          throw new RejectedExecutionException("shutting down");
        };
    ModelHolds atShutdown = new ModelHolds(closed::incrementAndGet, shuttingDown);

    atShutdown.retire();

    assertEquals(1, closed.get());
  }

  @Test
  void holdsTakenWhileTheModelIsRetiredCloseItExactlyOnceAfterTheLastIsLetGo() throws Exception {
    int threads = 4;
    AtomicInteger closedWhileHeld = new AtomicInteger();
    AtomicInteger heldNow = new AtomicInteger();
    AtomicInteger closes = new AtomicInteger();
    ModelHolds racing =
        new ModelHolds(
            () -> {
              closes.incrementAndGet();
              if (heldNow.get() > 0) {
                closedWhileHeld.incrementAndGet();
              }
            },
            Runnable::run);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < 20_000 && racing.take(); i++) {
                    heldNow.incrementAndGet();
                    heldNow.decrementAndGet();
                    racing.letGo();
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    start.await();
    racing.retire();
    done.await();

    assertEquals(1, closes.get());
    assertEquals(0, closedWhileHeld.get(), "never closed while a prediction held it");
  }
}
