package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.lungscan.predictions.inference.InferenceQueue;

/**
 * The inference queue at {@code /metrics}: scans waiting, forward passes, the mean batch size and
 * the model's recent time per scan (see also {@code prediction_time}, a request's whole wait).
 */
@ApplicationScoped
public class InferenceMetrics {

  @Inject MetricRegistry metrics;
  @Inject LoadedModel model;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    gauge("inference_queue_depth", "Scans waiting for the model now", InferenceQueue::waiting);
    gauge(
        "inference_forward_passes",
        "Forward passes run since the model was loaded",
        q -> q.statistics().forwardPasses());
    gauge(
        "inference_batch_size_mean",
        "Scans per forward pass, on average",
        q -> q.statistics().meanBatchSize());
    gauge(
        "inference_model_millis_per_scan",
        "The model's recent forward-pass time per scan (moving average), milliseconds",
        q -> q.statistics().meanMillisPerImage());
    gauge(
        "inference_refused",
        "Predictions refused because the queue was full",
        q -> q.statistics().refused());
  }

  private void gauge(String name, String description, ToDoubleFunction<InferenceQueue> value) {
    metrics.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        model,
        m -> m.inference().map(value::applyAsDouble).orElse(0.0));
  }
}
