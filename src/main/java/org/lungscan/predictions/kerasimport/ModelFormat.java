package org.lungscan.predictions.kerasimport;

/** The kinds of model file LungScan imports. */
public enum ModelFormat {
  KERAS2_H5("Keras 2 HDF5 (.h5)"),
  KERAS2_JSON_AND_WEIGHTS("Keras 2 architecture JSON with a weights HDF5"),
  KERAS3_H5("Keras 3 legacy HDF5 (.h5)"),
  KERAS3_ZIP("Keras 3 native (.keras)");

  private final String description;

  ModelFormat(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /**
   * True for files Keras 3 wrote, which are translated to the Keras 2 form before Deeplearning4j
   * reads them.
   */
  boolean needsTranslation() {
    return this == KERAS3_H5 || this == KERAS3_ZIP;
  }
}
