package org.lungscan.predictions.inference;

/**
 * Where the model found its evidence for one label: {@code rows x cols} values in [0, 1], row-major
 * from the top left, 1 where the evidence is strongest, 0 where there is none. The grid covers the
 * whole scan: the model's input is the whole scan resized, and each cell covers the same share of
 * it.
 */
public record HeatmapGrid(String label, Method method, int rows, int cols, float[] values) {

  /** How the map was computed. */
  public enum Method {
    /** From the last convolution's activations and the dense weights (exact, one forward pass). */
    CLASS_ACTIVATION_MAP("class-activation-map"),
    /** From how much hiding each part of the scan lowers the label's probability. */
    OCCLUSION("occlusion");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    /** The name in the API ({@code X-Heatmap-Method}, the grid's {@code method}). */
    public String id() {
      return id;
    }
  }

  public HeatmapGrid {
    if (rows < 1 || cols < 1 || values.length != rows * cols) {
      throw new IllegalArgumentException(values.length + " values for " + rows + "x" + cols);
    }
    values = values.clone();
  }

  public float at(int row, int col) {
    return values[row * cols + col];
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** The cell with the highest value (the first of equals): {row, col}. */
  public int[] peak() {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return new int[] {best / cols, best % cols};
  }

  /** Scales {@code raw} so that its highest positive value is 1 and anything not above 0 is 0. */
  static float[] normalised(double[] raw) {
    double max = 0;
    for (double v : raw) {
      max = Math.max(max, v);
    }
    float[] values = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      values[i] = max > 0 && raw[i] > 0 ? (float) Math.min(1, raw[i] / max) : 0f;
    }
    return values;
  }
}
