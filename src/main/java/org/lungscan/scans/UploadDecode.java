package org.lungscan.scans;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.scans.images.DecodedImage;
import org.lungscan.scans.images.Thumbnails;

/**
 * The one decode of an upload, made by its check, put to every use: the thumbnail and what other
 * features read from the pixels ({@link UploadedPixels}). Nothing here can fail an upload: what
 * cannot be made now is made from the stored image when it is first needed.
 */
final class UploadDecode implements Consumer<DecodedImage> {

  private static final Logger LOG = Logger.getLogger(UploadDecode.class.getName());

  private final Thumbnails thumbnails;
  private final Iterable<UploadedPixels> readers;
  private final List<Consumer<LungScan>> afterRecord = new ArrayList<>();
  private BufferedImage thumbnail;

  UploadDecode(Thumbnails thumbnails, Iterable<UploadedPixels> readers) {
    this.thumbnails = thumbnails;
    this.readers = readers;
  }

  @Override
  public void accept(DecodedImage decoded) {
    try {
      thumbnail = thumbnails.of(decoded);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The thumbnail will be made on first request instead", e);
    }
    BufferedImage kept = decoded.kept();
    if (kept.getWidth() != decoded.width() || kept.getHeight() != decoded.height()) {
      return;
    }
    for (UploadedPixels reader : readers) {
      try {
        Consumer<LungScan> then = reader.read(kept);
        if (then != null) {
          afterRecord.add(then);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "An upload's pixels could not be read by " + reader, e);
      }
    }
  }

  /** Keeps the thumbnail for the first request for the image stored under {@code key}. */
  void keepThumbnail(String key) {
    if (thumbnail != null) {
      thumbnails.keep(key, thumbnail);
    }
  }

  /** Once the scan's row has committed. */
  void recorded(LungScan scan) {
    for (Consumer<LungScan> then : afterRecord) {
      try {
        then.accept(scan);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "What was read from scan " + scan.getId() + " is not kept", e);
      }
    }
  }
}
