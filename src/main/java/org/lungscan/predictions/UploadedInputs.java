package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.predictions.inference.ScanPreprocessor;
import org.lungscan.predictions.inference.ScanTensor;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.UploadedPixels;

/**
 * The model's input for recently uploaded scans, computed from the upload check's decode so that
 * predicting them reads no pixels again. Kept in memory, the least recently used dropped beyond
 * {@code lungscan.inference.kept-inputs-bytes}: an input depends on the model loaded when it was
 * made, is small (a 64 x 64 grey input is 16 KB), and is cheaper to make again from the image than
 * to write and force to disk beside it. An input is used only with the model's preprocessing it was
 * made by and for the very bytes the scan records; otherwise, after a restart, or on another
 * instance, predict decodes the stored image as before.
 */
@ApplicationScoped
public class UploadedInputs implements UploadedPixels {

  private record Kept(ScanPreprocessor preprocessor, String sha256, ScanTensor input) {
    long bytes() {
      return (long) input.height() * input.width() * input.channels() * Float.BYTES;
    }
  }

  @Inject LoadedModel model;

  @Inject
  @ConfigProperty(name = "lungscan.inference.kept-inputs-bytes")
  long maxBytes;

  private final LinkedHashMap<Long, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  @Override
  public Consumer<LungScan> read(BufferedImage image) {
    if (maxBytes <= 0 || !model.status().ready()) {
      return null;
    }
    ScanPreprocessor preprocessor = model.preprocessor();
    ScanTensor input = preprocessor.preprocess(image);
    return scan -> keep(scan.getId(), new Kept(preprocessor, scan.getSha256(), input));
  }

  /** The input kept for the scan, if it was made by {@code preprocessor} from the scan's bytes. */
  synchronized Optional<ScanTensor> of(LungScan scan, ScanPreprocessor preprocessor) {
    Kept found = kept.get(scan.getId());
    return found != null
            && found.preprocessor() == preprocessor
            && found.sha256().equals(scan.getSha256())
        ? Optional.of(found.input())
        : Optional.empty();
  }

  private synchronized void keep(long scanId, Kept input) {
    if (input.bytes() > maxBytes) {
      return;
    }
    Kept replaced = kept.put(scanId, input);
    bytes += input.bytes() - (replaced == null ? 0 : replaced.bytes());
    var eldest = kept.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().bytes();
      eldest.remove();
    }
  }
}
