package org.lungscan.predictions.kerasimport;

import java.util.Arrays;

/** A float32 weight tensor in C order, as stored in a model file. */
record WeightArray(long[] shape, float[] values) {

  WeightArray {
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (count != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
    }
  }

  int size() {
    return values.length;
  }
}
