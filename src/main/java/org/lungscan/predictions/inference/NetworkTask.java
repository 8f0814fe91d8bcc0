package org.lungscan.predictions.inference;

import org.lungscan.predictions.kerasimport.ImportedModel;

/**
 * Work that needs a network to itself for a moment (one short forward pass, e.g. a chunk of a
 * heatmap): run by an inference worker on its own network when no prediction is waiting.
 */
@FunctionalInterface
public interface NetworkTask<T> {

  T run(ImportedModel network);
}
