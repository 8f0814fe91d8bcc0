/**
 * Keras model import for LungScan: {@link org.lungscan.predictions.model.ModelImporter} turns Keras 2/3
 * {@code .h5} and {@code .keras} files into {@link org.lungscan.predictions.model.ImportedModel}s that run on
 * Deeplearning4j, plus {@code .npy} I/O and the {@code mvn -Pmodel-check} command.
 */
package org.lungscan.predictions.model;
