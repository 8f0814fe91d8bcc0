package org.lungscan.predictions;

import java.util.Map;

/**
 * What the model read from one image: each class's probability, and how long the forward pass took.
 */
public record Reading(Map<String, Double> probabilities, double inferenceMs) {}
