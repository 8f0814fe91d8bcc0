package org.lungscan.predictions.kerasimport;

/** One weight of a layer under its Keras 2 name ("kernel", "bias", "gamma", ...). */
record NamedWeight(String name, WeightArray array) {}
