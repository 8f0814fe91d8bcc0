package org.lungscan.predictions.kerasimport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one sample fed to a model looks like, without the batch dimension. Images are given as
 * (height, width, channels), channels last, even for models Keras ran channels-first; -1 stands for
 * a dimension the model accepts at any size. Non-image models (a flat feature vector) have one
 * dimension.
 */
public final class InputShape {

  private final List<Long> dimensions;

  InputShape(List<Long> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /** The per-sample dimensions, channels last. */
  public List<Long> dimensions() {
    return dimensions;
  }

  public boolean isImage() {
    return dimensions.size() == 3;
  }

  public boolean isFixedSize() {
    return dimensions.stream().allMatch(d -> d > 0);
  }

  public long height() {
    return imageDimension(0);
  }

  public long width() {
    return imageDimension(1);
  }

  public long channels() {
    return imageDimension(2);
  }

  private long imageDimension(int index) {
    if (!isImage()) {
      throw new IllegalStateException("the model input " + this + " is not an image");
    }
    return dimensions.get(index);
  }

  /** E.g. "128x128x1", "?x?x3" or "784". */
  @Override
  public String toString() {
    return dimensions.stream()
        .map(d -> d < 0 ? "?" : Long.toString(d))
        .collect(Collectors.joining("x"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputShape && ((InputShape) other).dimensions.equals(dimensions);
  }

  @Override
  public int hashCode() {
    return dimensions.hashCode();
  }
}
