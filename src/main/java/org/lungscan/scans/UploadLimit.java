package org.lungscan.scans;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How large a scan image may be: the one setting {@code lungscan.upload.max-bytes}, which the API,
 * the pages (their file chooser, {@code #{uploadLimit.megabytes}}) and the image store all obey.
 */
@Named("uploadLimit")
@ApplicationScoped
public class UploadLimit {

  /** Room for the multipart boundaries and the form's other fields around the image itself. */
  static final long MULTIPART_OVERHEAD = 64 * 1024;

  private static final long MIB = 1024 * 1024;

  @Inject
  @ConfigProperty(name = "lungscan.upload.max-bytes")
  long maxBytes;

  public long getMaxBytes() {
    return maxBytes;
  }

  /** The limit in whole megabytes, as the pages and refusals say it. */
  public long getMegabytes() {
    return maxBytes / MIB;
  }

  /** Whether a request body of this declared length can be an image within the limit. */
  public boolean admitsRequestOf(long declaredLength) {
    return declaredLength >= 0 && declaredLength <= maxBytes + MULTIPART_OVERHEAD;
  }
}
