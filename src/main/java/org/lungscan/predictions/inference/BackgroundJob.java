package org.lungscan.predictions.inference;

import java.util.concurrent.CompletableFuture;
import org.lungscan.predictions.kerasimport.ImportedModel;

/** A {@link NetworkTask} waiting for an idle worker, and the future its caller holds. */
record BackgroundJob<T>(NetworkTask<T> task, CompletableFuture<T> future) {

  void runOn(ImportedModel network) {
    if (future.isDone()) {
      return;
    }
    try {
      future.complete(task.run(network));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }
}
