package org.lungscan.predictions.inference;

/**
 * A model card that cannot be used: unreadable, malformed, or contradicting its model. The message
 * says why.
 */
public class ModelCardException extends Exception {

  private static final long serialVersionUID = 1L;

  public ModelCardException(String message) {
    super(message);
  }

  public ModelCardException(String message, Throwable cause) {
    super(message, cause);
  }
}
