package org.lungscan.predictions.kerasimport;

/**
 * A model file could not be turned into a working network. The message is written for people: it
 * names the file and, where one layer is the cause, that layer's name and Keras class.
 */
public class ModelImportException extends Exception {

  private static final long serialVersionUID = 1L;

  public ModelImportException(String message) {
    super(message);
  }

  public ModelImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
