package org.lungscan.predictions.kerasimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what {@link ImportedModel} reports. The layer list, input and parameter count are taken
 * before the rewrites (they describe the file); output shapes and FLOPs after them.
 */
final class ModelDescriber {

  private final InputShape inputShape;
  private final List<String> outputNames;
  private final List<String> layerSummary;
  private final long parameterCount;

  private ModelDescriber(
      InputShape inputShape,
      List<String> outputNames,
      List<String> layerSummary,
      long parameterCount) {
    this.inputShape = inputShape;
    this.outputNames = outputNames;
    this.layerSummary = layerSummary;
    this.parameterCount = parameterCount;
  }

  static ModelDescriber before(ModelSpec spec) throws ModelImportException {
    if (spec.inputs().size() != 1) {
      throw new ModelImportException(
          "the model has "
              + spec.inputs().size()
              + " inputs; only single-input models are supported.");
    }
    String inputName = spec.inputs().get(0);
    long[] shape = ShapeInference.infer(spec).get(inputName);
    if (shape == null) {
      throw new ModelImportException("the model does not say what input shape it takes.");
    }
    boolean channelsFirst =
        shape.length == 3
            && spec.consumers(inputName).stream().anyMatch(LayerSpec::isChannelsFirst);
    long[] channelsLast = channelsFirst ? new long[] {shape[1], shape[2], shape[0]} : shape;
    List<String> summary = new ArrayList<>();
    spec.layers().forEach(l -> summary.add(l.name() + ": " + l.sourceClassName()));
    return new ModelDescriber(
        new InputShape(ShapeInference.asList(channelsLast)),
        spec.outputs(),
        summary,
        spec.weightCount());
  }

  ModelDescription after(ModelSpec spec) {
    Map<String, long[]> shapes = ShapeInference.infer(spec);
    List<long[]> outputShapes = new ArrayList<>();
    spec.outputs().forEach(name -> outputShapes.add(shapes.get(name)));
    return new ModelDescription(
        inputShape,
        outputNames,
        outputShapes,
        layerSummary,
        parameterCount,
        FlopEstimator.flopsPerSample(spec, shapes));
  }
}
