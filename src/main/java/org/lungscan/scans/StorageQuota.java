package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.TooLarge;

/**
 * How much each doctor may keep: the stored images of all their scans together, up to {@code
 * lungscan.storage.quota-bytes-per-doctor}. Uploads running at the same moment are checked against
 * the same total, so together they may pass it by at most their own sizes.
 */
@ApplicationScoped
public class StorageQuota {

  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;

  @Inject ScanRecords records;

  @Inject
  @ConfigProperty(name = "lungscan.storage.quota-bytes-per-doctor")
  long quotaBytes;

  /**
   * @throws TooLarge if the doctor's stored images and {@code moreBytes} together would pass the
   *     quota, or the quota is already full
   */
  public void requireRoomFor(long doctorId, long moreBytes) {
    long used = records.bytesOfDoctor(doctorId);
    if (used >= quotaBytes || moreBytes > quotaBytes - used) {
      throw new TooLarge(
          "Your storage quota of "
              + readable(quotaBytes)
              + " is full ("
              + readable(used)
              + " used"
              + (moreBytes > 0 ? ", this image needs " + readable(moreBytes) : "")
              + "). Delete scans you no longer need, or ask your administrator for more room.");
    }
  }

  private static String readable(long bytes) {
    return bytes >= GIB
        ? String.format(Locale.ROOT, "%.1f GB", bytes / GIB)
        : String.format(Locale.ROOT, "%.1f MB", bytes / MIB);
  }
}
