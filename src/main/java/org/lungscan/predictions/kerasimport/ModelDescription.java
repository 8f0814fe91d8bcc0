package org.lungscan.predictions.kerasimport;

import java.util.List;

/**
 * What the importer learned about a model from its Keras description, handed to {@link
 * ImportedModel}.
 */
record ModelDescription(
    InputShape inputShape,
    List<String> outputNames,
    List<long[]> outputShapes,
    List<String> layerSummary,
    long parameterCount,
    long flopsPerSample) {}
