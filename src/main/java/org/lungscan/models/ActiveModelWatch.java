package org.lungscan.models;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Polls the registry's active row every {@code lungscan.models.poll-seconds} and loads the model
 * another instance activated: every instance sharing the database predicts with the active model
 * within that interval plus the model's load time.
 */
@ApplicationScoped
public class ActiveModelWatch {

  private static final Logger LOG = Logger.getLogger(ActiveModelWatch.class.getName());

  @Inject ModelRegistry registry;

  @Inject
  @ConfigProperty(name = "lungscan.models.poll-seconds")
  int pollSeconds;

  @Resource ManagedScheduledExecutorService scheduler;

  private final AtomicReference<Long> failed = new AtomicReference<>();
  private ScheduledFuture<?> polling;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    polling =
        scheduler.scheduleWithFixedDelay(
            this::poll, pollSeconds, Math.max(1, pollSeconds), TimeUnit.SECONDS);
  }

  private void poll() {
    try {
      registry.follow(failed);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the active model from the registry", e);
    }
  }

  @PreDestroy
  void stop() {
    if (polling != null) {
      polling.cancel(false);
    }
  }
}
