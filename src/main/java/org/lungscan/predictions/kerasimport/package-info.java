/**
 * Keras model import for LungScan: {@link org.lungscan.predictions.kerasimport.ModelImporter} turns
 * Keras 2/3 {@code .h5} and {@code .keras} files into {@link
 * org.lungscan.predictions.kerasimport.ImportedModel}s that run on Deeplearning4j, plus {@code
 * .npy} I/O and the {@code mvn -Pmodel-check} command.
 *
 * <p>Rules: a library, with no CDI, JPA or web; a model with a layer it cannot import is refused
 * with the reason.
 *
 * <p>Never imports anything of the product, not even the engine that uses it.
 */
package org.lungscan.predictions.kerasimport;
