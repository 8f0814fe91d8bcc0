package org.lungscan.predictions.inference;

import java.util.ArrayList;
import java.util.List;
import org.lungscan.predictions.kerasimport.PooledHead;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The class activation map (Zhou et al., 2016): for label {@code c}, {@code sum_k W[k][c] * A_k(y,
 * x)} over the feature maps {@code A_k} that the global average pooling averages; its mean plus the
 * bias is exactly the label's logit, so it shows where that logit comes from. A sigmoid model's one
 * unit is the second label's evidence and, negated, the first's.
 */
final class ClassActivationMap {

  private ClassActivationMap() {}

  /**
   * @param features the feature layer's result for one scan, in the head's layout
   */
  static List<HeatmapGrid> of(PooledHead head, INDArray features, ModelCard card) {
    float[][][] maps = channelsLast(head, features);
    int rows = maps.length;
    int cols = maps[0].length;
    List<HeatmapGrid> grids = new ArrayList<>();
    List<String> labels = card.labels();
    for (int label = 0; label < labels.size(); label++) {
      double[] raw = raw(head, maps, label, head.classes() == 1 && labels.size() == 2);
      grids.add(
          new HeatmapGrid(
              labels.get(label),
              HeatmapGrid.Method.CLASS_ACTIVATION_MAP,
              rows,
              cols,
              HeatmapGrid.normalised(raw)));
    }
    return grids;
  }

  /** The map before scaling, row-major. */
  static double[] raw(PooledHead head, float[][][] maps, int label, boolean sigmoid) {
    int unit = sigmoid ? 0 : label;
    double sign = sigmoid && label == 0 ? -1 : 1;
    int rows = maps.length;
    int cols = maps[0].length;
    double[] raw = new double[rows * cols];
    float[][] weights = head.weights();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        double sum = 0;
        for (int k = 0; k < head.channels(); k++) {
          sum += (double) weights[k][unit] * maps[y][x][k];
        }
        raw[y * cols + x] = sign * sum;
      }
    }
    return raw;
  }

  /** {@code [h][w][channels]} of the first (only) scan of the batch. */
  static float[][][] channelsLast(PooledHead head, INDArray features) {
    if (features.rank() != 4) {
      throw new IllegalStateException(
          "the feature maps have shape " + features.shapeInfoToString());
    }
    INDArray one = features.castTo(DataType.FLOAT);
    INDArray nhwc = head.channelsLast() ? one : one.permute(0, 2, 3, 1);
    int h = (int) nhwc.size(1);
    int w = (int) nhwc.size(2);
    int c = (int) nhwc.size(3);
    if (c != head.channels()) {
      throw new IllegalStateException(
          "the feature maps have " + c + " channels, the dense layer " + head.channels());
    }
    float[] flat = nhwc.dup('c').reshape('c', new long[] {(long) h * w * c}).toFloatVector();
    float[][][] maps = new float[h][w][c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(flat, (y * w + x) * c, maps[y][x], 0, c);
      }
    }
    return maps;
  }
}
