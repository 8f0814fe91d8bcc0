package org.lungscan.predictions.inference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one row of the network's output as the card says. Softmax: the values are divided by their
 * sum, in double precision (a float32 softmax adds up to 1 only to about 1e-7, and the product
 * shows probabilities that add up to 1); a row that is off by more than {@value #SUM_TOLERANCE} is
 * refused, as is any value outside [0, 1] or NaN. Sigmoid: one value p becomes {@code {labels[0]: 1
 * - p, labels[1]: p}}.
 */
final class OutputReader {

  static final double SUM_TOLERANCE = 1e-3;

  private final ModelCard card;

  OutputReader(ModelCard card) {
    this.card = card;
  }

  ModelAnswer read(float[] row, double inferenceMillis, int batchSize) {
    double[] probabilities =
        card.output() == ModelCard.Output.SIGMOID ? sigmoid(row) : softmax(row);
    List<String> labels = card.labels();
    Map<String, Double> byLabel = new LinkedHashMap<>();
    int best = 0;
    for (int i = 0; i < probabilities.length; i++) {
      byLabel.put(labels.get(i), probabilities[i]);
      best = probabilities[i] > probabilities[best] ? i : best;
    }
    String predicted = labels.get(best);
    return new ModelAnswer(
        card.name(),
        card.version(),
        byLabel,
        predicted,
        probabilities[best],
        card.isCancer(predicted),
        inferenceMillis,
        batchSize);
  }

  private double[] softmax(float[] row) {
    checkSize(row, card.labels().size());
    double sum = 0;
    for (float value : row) {
      checkProbability(value, row);
      sum += value;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new ModelOutputException(
          "the card of "
              + card.name()
              + " says \"softmax\" but the output "
              + Arrays.toString(row)
              + " adds up to "
              + sum
              + ", not 1");
    }
    double[] probabilities = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      probabilities[i] = row[i] / sum;
    }
    return probabilities;
  }

  private double[] sigmoid(float[] row) {
    checkSize(row, 1);
    checkProbability(row[0], row);
    return new double[] {1 - (double) row[0], row[0]};
  }

  private void checkSize(float[] row, int expected) {
    if (row.length != expected) {
      throw new ModelOutputException(
          "the model "
              + card.name()
              + " gave "
              + row.length
              + " values where its card"
              + " expects "
              + expected);
    }
  }

  private void checkProbability(float value, float[] row) {
    if (!(value >= 0 && value <= 1)) {
      throw new ModelOutputException(
          "the model "
              + card.name()
              + " gave "
              + Arrays.toString(row)
              + ", which are not probabilities as its card (\""
              + card.output()
              + "\") says");
    }
  }
}
