/**
 * Keras model import for LungScan: {@link org.lungscan.predictions.kerasimport.ModelImporter} turns
 * Keras 2/3 {@code .h5} and {@code .keras} files into {@link
 * org.lungscan.predictions.kerasimport.ImportedModel}s that run on Deeplearning4j, plus {@code
 * .npy} I/O and the {@code mvn -Pmodel-check} command.
 */
package org.lungscan.predictions.kerasimport;
