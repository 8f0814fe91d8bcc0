/**
 * The model registry: every model the hospital uploaded (or configured), its card, checksum and
 * validation; evaluation against the doctors' reviews; activation and rollback on every instance
 * without a restart; the de-identified dataset for retraining. It swaps the predicting model
 * through {@code predictions.LoadedModel}; nothing beneath imports it.
 */
package org.lungscan.models;
