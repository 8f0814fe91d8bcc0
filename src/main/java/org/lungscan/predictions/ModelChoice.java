package org.lungscan.predictions;

import java.nio.file.Path;

/**
 * Which model file to load at startup, when a feature above this one keeps a register of models
 * (the model registry); without one, the configured file or the bundled demo model is loaded.
 */
public interface ModelChoice {

  /**
   * @param fallback the configured model file, or the demo model bundled in the WAR
   * @param configured whether {@code fallback} was configured ({@code lungscan.model.path})
   * @return the file to load
   */
  Path atStartup(Path fallback, boolean configured);
}
