package org.lungscan.scans;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.Settings;
import org.lungscan.scans.images.ImageCheck;
import org.lungscan.scans.images.ImageStore;
import org.lungscan.scans.images.Thumbnails;

/**
 * Where scan images live: the store under the configured directory, the checks uploads must pass,
 * and the thumbnails. At startup it removes what interrupted uploads left behind; every night it
 * removes stored images that no scan refers to any more.
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

  @Inject ScanRecords records;

  private ImageStore store;
  private ImageCheck check;
  private Thumbnails thumbnails;

  @PostConstruct
  void open() {
    try {
      store = new ImageStore(root());
      check = new ImageCheck(maxPixels);
      thumbnails = new Thumbnails(store);
      int leftovers = store.cleanTemporaryFiles();
      LOG.info(
          () -> "Scan images are kept in " + root() + "; unfinished uploads removed: " + leftovers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the scan image directory " + root(), e);
    }
  }

  @Schedule(hour = "3", minute = "17", persistent = false)
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

  public Thumbnails thumbnails() {
    return thumbnails;
  }
}
