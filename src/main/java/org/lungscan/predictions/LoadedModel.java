package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import org.lungscan.platform.Unavailable;

/** TEMPORARY: replaced by the inference engine before commit. */
@ApplicationScoped
public class LoadedModel {
  public ModelStatus status() {
    return ModelStatus.unavailable("not wired yet");
  }

  public Reading read(BufferedImage image) {
    throw new Unavailable("not wired yet");
  }
}
