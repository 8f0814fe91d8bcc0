package org.lungscan.models;

/** Where a registered model stands: the one that predicts, one that could, or one refused. */
public enum ModelState {
  ACTIVE,
  AVAILABLE,
  FAILED
}
