package org.lungscan.scans;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * What a feature above scans makes of an upload's pixels while the upload's check has them decoded
 * (the model's input, for one), so that it need not decode the stored image again. A CDI bean
 * implementing it is called for every upload whose check kept every pixel.
 */
public interface UploadedPixels {

  /**
   * Reads the upload's pixels; must not keep {@code image}, should be quick, and what it throws is
   * logged and ignored.
   *
   * @param image every pixel of the upload, as the server's decoder gives them
   * @return what to do with the scan once its row has committed, or null for nothing
   */
  Consumer<LungScan> read(BufferedImage image);
}
