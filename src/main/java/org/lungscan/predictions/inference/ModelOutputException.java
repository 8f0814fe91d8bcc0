package org.lungscan.predictions.inference;

/**
 * The network's output cannot be read as its card says: not probabilities (negative, NaN, above 1)
 * or, for a softmax, not adding up to 1. Either the card's {@code output} is wrong or the model is
 * broken.
 */
public class ModelOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelOutputException(String message) {
    super(message);
  }
}
