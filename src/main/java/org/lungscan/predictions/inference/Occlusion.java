package org.lungscan.predictions.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Occlusion sensitivity (Zeiler and Fergus, 2014) for any architecture: the scan is cut into a
 * {@code rows x cols} grid; for each cell, a square twice the cell's size centred on it is filled
 * with the scan's mean, and how much that lowers a label's probability is the cell's evidence for
 * it.
 */
final class Occlusion {

  private final ScanTensor scan;
  private final int rows;
  private final int cols;
  private final float[] mean;

  Occlusion(ScanTensor scan, int rows, int cols) {
    this.scan = scan;
    this.rows = Math.min(rows, scan.height());
    this.cols = Math.min(cols, scan.width());
    this.mean = channelMeans(scan);
  }

  int count() {
    return rows * cols;
  }

  /** The scans with cells {@code from} (inclusive) to {@code to} (exclusive) hidden, one each. */
  List<ScanTensor> hidden(int from, int to) {
    List<ScanTensor> hidden = new ArrayList<>(to - from);
    for (int cell = from; cell < to; cell++) {
      hidden.add(hide(cell / cols, cell % cols));
    }
    return hidden;
  }

  ScanTensor hide(int row, int col) {
    int h = scan.height();
    int w = scan.width();
    int c = scan.channels();
    float[] values = scan.values();
    int[] ys = span(row, rows, h);
    int[] xs = span(col, cols, w);
    for (int y = ys[0]; y < ys[1]; y++) {
      for (int x = xs[0]; x < xs[1]; x++) {
        for (int k = 0; k < c; k++) {
          values[(y * w + x) * c + k] = mean[k];
        }
      }
    }
    return ScanTensor.wrap(h, w, c, values);
  }

  /**
   * Pixels [start, end) of a square twice the cell's size centred on cell {@code i} of {@code n}.
   */
  private static int[] span(int i, int n, int size) {
    double cell = (double) size / n;
    double centre = (i + 0.5) * cell;
    int start = (int) Math.max(0, Math.floor(centre - cell));
    int end = (int) Math.min(size, Math.ceil(centre + cell));
    return new int[] {start, end};
  }

  /**
   * @param baseline the model's output for the whole scan
   * @param outputs its output for each hidden cell, in cell order
   */
  List<HeatmapGrid> grids(ModelCard card, float[] baseline, List<float[]> outputs) {
    double[] before = probabilities(card, baseline);
    List<HeatmapGrid> grids = new ArrayList<>();
    for (int label = 0; label < card.labels().size(); label++) {
      double[] raw = new double[count()];
      for (int cell = 0; cell < raw.length; cell++) {
        raw[cell] = before[label] - probabilities(card, outputs.get(cell))[label];
      }
      grids.add(
          new HeatmapGrid(
              card.labels().get(label),
              HeatmapGrid.Method.OCCLUSION,
              rows,
              cols,
              HeatmapGrid.normalised(raw)));
    }
    return grids;
  }

  private static double[] probabilities(ModelCard card, float[] row) {
    if (card.output() == ModelCard.Output.SIGMOID) {
      return new double[] {1 - (double) row[0], row[0]};
    }
    double[] p = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      p[i] = row[i];
    }
    return p;
  }

  private static float[] channelMeans(ScanTensor scan) {
    int c = scan.channels();
    double[] sums = new double[c];
    float[] values = scan.values();
    for (int i = 0; i < values.length; i++) {
      sums[i % c] += values[i];
    }
    float[] means = new float[c];
    int pixels = values.length / c;
    for (int k = 0; k < c; k++) {
      means[k] = (float) (sums[k] / pixels);
    }
    return means;
  }
}
