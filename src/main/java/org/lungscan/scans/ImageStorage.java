package org.lungscan.scans;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.DataGrid;
import org.lungscan.platform.OncePerCluster;
import org.lungscan.platform.Settings;
import org.lungscan.scans.images.ImageCheck;
import org.lungscan.scans.images.ImageDecoder;
import org.lungscan.scans.images.ImageStore;
import org.lungscan.scans.images.Thumbnails;

/**
 * Where scan images live: the store under the configured directory, the checks uploads must pass,
 * the thumbnails, and the one decoder all of them (and the model's preprocessing) decode through,
 * within one memory budget. At startup it removes what interrupted uploads left behind; every night
 * it removes stored images that no scan refers to any more, on one instance of a cluster.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImageStorage {

  private static final Logger LOG = Logger.getLogger(ImageStorage.class.getName());
  private static final Duration ORPHAN_GRACE = Duration.ofHours(24);

  @Inject
  @ConfigProperty(name = "lungscan.storage.dir")
  Optional<String> directory;

  @Inject
  @ConfigProperty(name = "lungscan.upload.max-pixels")
  long maxPixels;

  /** Bytes of decoded pixels held at once; unset: a quarter of the maximum heap. */
  @Inject
  @ConfigProperty(name = "lungscan.images.decode-memory-bytes")
  Optional<Long> decodeMemoryBytes;

  /** Decodes at once; unset: one per processor. */
  @Inject
  @ConfigProperty(name = "lungscan.images.max-concurrent-decodes")
  Optional<Integer> maxConcurrentDecodes;

  @Inject
  @ConfigProperty(name = "lungscan.images.decode-wait-seconds")
  int decodeWaitSeconds;

  /** When the clean-up of stored images no scan refers to runs: HH:MM, {@code *} for every. */
  @Inject
  @ConfigProperty(name = "lungscan.storage.orphan-clean-up")
  String orphanCleanUp;

  @Inject ScanRecords records;
  @Inject OncePerCluster cluster;
  @Inject DataGrid grid;
  @Resource TimerService timers;

  private ImageStore store;
  private ImageDecoder decoder;
  private ImageCheck check;
  private Thumbnails thumbnails;

  @PostConstruct
  void open() {
    try {
      store = new ImageStore(root());
      decoder = newDecoder();
      check = new ImageCheck(maxPixels, decoder);
      thumbnails = new Thumbnails(store, Thumbnails.DEFAULT_LONG_SIDE, decoder);
      scheduleOrphanCleanUp();
      int leftovers = store.cleanTemporaryFiles();
      LOG.info(
          () -> "Scan images are kept in " + root() + "; unfinished uploads removed: " + leftovers);
      LOG.info(
          () ->
              "Images are decoded within "
                  + decoder.memoryBytes() / (1024 * 1024)
                  + " MB of heap, "
                  + decodeSlots()
                  + " at a time");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the scan image directory " + root(), e);
    }
  }

  private ImageDecoder newDecoder() {
    long memory = decodeMemoryBytes.orElseGet(ImageDecoder::defaultMemoryBytes);
    return new ImageDecoder(memory, decodeSlots(), Duration.ofSeconds(decodeWaitSeconds));
  }

  private int decodeSlots() {
    return maxConcurrentDecodes.orElseGet(Runtime.getRuntime()::availableProcessors);
  }

  /**
   * Every instance keeps a timer for the clean-up ({@code lungscan.storage.orphan-clean-up},
   * "HH:MM" in the server's time zone, {@code *} for every hour or minute); the first to claim a
   * run does it, so it runs once per cluster.
   */
  private void scheduleOrphanCleanUp() {
    String[] at = orphanCleanUp.trim().split(":");
    if (at.length != 2) {
      throw new IllegalStateException(
          "lungscan.storage.orphan-clean-up must be HH:MM, not " + orphanCleanUp);
    }
    timers.createCalendarTimer(
        new ScheduleExpression().hour(at[0]).minute(at[1]).second("0"),
        new TimerConfig("orphan clean-up", false));
  }

  @Timeout
  void onTimer(Timer timer) throws IOException {
    if (cluster.claim("orphan-clean-up", Instant.now(), grid.instanceName().orElse("this"))) {
      removeOrphans();
    }
  }

  void removeOrphans() throws IOException {
    int removed = store.removeOrphans(records::existsWithKey, ORPHAN_GRACE);
    LOG.info(() -> "Stored images no scan refers to, removed: " + removed);
  }

  public Path root() {
    return directory
        .map(Path::of)
        .orElseGet(() -> Settings.dataDirectory().resolve("scans"))
        .toAbsolutePath()
        .normalize();
  }

  public boolean isWritable() {
    return store != null && Files.isWritable(root());
  }

  public ImageStore store() {
    return store;
  }

  public ImageCheck check() {
    return check;
  }

  public ImageDecoder decoder() {
    return decoder;
  }

  public Thumbnails thumbnails() {
    return thumbnails;
  }
}
