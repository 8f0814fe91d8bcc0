package org.lungscan.predictions.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.lungscan.predictions.kerasimport.PooledHead;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heatmaps of every label of a model for one scan, computed on the inference queue's own networks
 * when they have no prediction to make ({@link InferenceQueue#whenIdle}): the class activation map
 * for a model whose head is global average pooling and a dense layer, occlusion sensitivity for any
 * other. Thread-safe.
 */
public final class Heatmaps {

  /** Occlusion grid cells per side for a small model, and for one over {@link #LARGE_FLOPS}. */
  static final int OCCLUSION_CELLS = 16;

  static final int OCCLUSION_CELLS_LARGE = 8;
  static final long LARGE_FLOPS = 100_000_000L;

  private final InferenceQueue queue;

  public Heatmaps(InferenceQueue queue) {
    this.queue = queue;
  }

  /** The method this model's heatmaps are made with. */
  public HeatmapGrid.Method method() {
    return queue.model().pooledHead().isPresent()
        ? HeatmapGrid.Method.CLASS_ACTIVATION_MAP
        : HeatmapGrid.Method.OCCLUSION;
  }

  /**
   * The heatmap of every label, in the card's label order.
   *
   * @throws QueueFullException if the queue has no room for the work now
   * @throws TimeoutException if it was not done within the queue's deadline (for occlusion, per
   *     forward pass)
   */
  public List<HeatmapGrid> of(ScanTensor scan) throws TimeoutException {
    return method() == HeatmapGrid.Method.CLASS_ACTIVATION_MAP
        ? waitOrTimeOut(queue.whenIdle(network -> classActivationMaps(network, scan)))
        : occlusion(scan);
  }

  private List<HeatmapGrid> classActivationMaps(ImportedModel network, ScanTensor scan) {
    PooledHead head = network.pooledHead().orElseThrow();
    INDArray features = network.activations(batchOf(scan), head.featureLayer());
    return ClassActivationMap.of(head, features, queue.model().card());
  }

  /** Occlusion sensitivity, whatever the model's head (also to compare it with the map). */
  List<HeatmapGrid> occlusion(ScanTensor scan) throws TimeoutException {
    ModelCard card = queue.model().card();
    int cells =
        queue.model().flopsPerImage() > LARGE_FLOPS ? OCCLUSION_CELLS_LARGE : OCCLUSION_CELLS;
    Occlusion occlusion = new Occlusion(scan, cells, cells);
    int batch = queue.settings().maxBatchSize();
    List<CompletableFuture<float[][]>> chunks = new ArrayList<>();
    try {
      chunks.add(queue.whenIdle(network -> rowsOf(network, List.of(scan))));
      for (int from = 0; from < occlusion.count(); from += batch) {
        int first = from;
        int end = Math.min(occlusion.count(), from + batch);
        // Made when the worker gets to it, so a large model's scans are not all held at once.
        chunks.add(queue.whenIdle(network -> rowsOf(network, occlusion.hidden(first, end))));
      }
      List<float[]> outputs = new ArrayList<>(occlusion.count() + 1);
      for (CompletableFuture<float[][]> chunk : chunks) {
        outputs.addAll(List.of(waitOrTimeOut(chunk)));
      }
      return occlusion.grids(card, outputs.get(0), outputs.subList(1, outputs.size()));
    } catch (TimeoutException | RuntimeException e) {
      chunks.forEach(chunk -> chunk.cancel(false));
      throw e;
    }
  }

  private static float[][] rowsOf(ImportedModel network, List<ScanTensor> scans) {
    ScanTensor first = scans.get(0);
    float[] stacked = new float[scans.size() * first.size()];
    for (int i = 0; i < scans.size(); i++) {
      scans.get(i).copyTo(stacked, i * first.size());
    }
    long[] shape = {scans.size(), first.height(), first.width(), first.channels()};
    INDArray output = network.output(Nd4j.create(stacked, shape, DataType.FLOAT))[0];
    return output.castTo(DataType.FLOAT).reshape(scans.size(), -1).toFloatMatrix();
  }

  static INDArray batchOf(ScanTensor scan) {
    float[] values = new float[scan.size()];
    scan.copyTo(values, 0);
    return Nd4j.create(
        values, new long[] {1, scan.height(), scan.width(), scan.channels()}, DataType.FLOAT);
  }

  private Duration timeout() {
    return queue.settings().deadline();
  }

  private <T> T waitOrTimeOut(CompletableFuture<T> future) throws TimeoutException {
    try {
      return future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("a heatmap's forward pass failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while waiting for a heatmap");
    } catch (TimeoutException e) {
      future.cancel(false);
      throw e;
    }
  }
}
