package org.lungscan.predictions.kerasimport;

import java.util.List;
import java.util.Map;

/**
 * A model in Keras 2 form, ready to be written as a Keras 2 HDF5 file: the model configuration
 * (JSON text) and each layer's weights, in layer order.
 */
record KerasModelParts(String configJson, Map<String, List<NamedWeight>> weights) {}
