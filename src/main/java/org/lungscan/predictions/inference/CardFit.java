package org.lungscan.predictions.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lungscan.predictions.kerasimport.ImportedModel;
import org.lungscan.predictions.kerasimport.InputShape;

/** Finds a model's card (or makes the defaults) and checks that it fits the network. */
final class CardFit {

  private CardFit() {}

  static ModelCard cardFor(Path modelFile, ImportedModel network) throws ModelCardException {
    InputShape shape = network.inputShape();
    int outputSize = outputSize(network);
    Path cardFile = ModelCardReader.cardFileFor(modelFile);
    if (!Files.exists(cardFile)) {
      return ModelCard.defaultsFor(
          ModelCardReader.baseName(modelFile), defaultInput(shape), outputSize);
    }
    ModelCard card = ModelCardReader.read(cardFile);
    checkInput(card, shape, cardFile);
    if (card.outputSize() != outputSize) {
      throw new ModelCardException(
          "the model card "
              + cardFile
              + " does not fit the model: it has "
              + card.labels().size()
              + " labels ("
              + card.output()
              + " output of "
              + card.outputSize()
              + " values) but the model gives "
              + outputSize
              + " values");
    }
    return card;
  }

  private static int outputSize(ImportedModel network) throws ModelCardException {
    if (!network.inputShape().isImage()) {
      throw new ModelCardException(
          "the model does not take images: its input is " + network.inputShape());
    }
    List<Long> shape = network.outputCount() == 1 ? network.outputShape(0) : List.of();
    if (shape.size() != 1 || shape.get(0) < 1) {
      throw new ModelCardException(
          "the model must give one vector of class scores, but it gives "
              + network.outputCount()
              + " output(s) shaped "
              + (shape.isEmpty() ? "otherwise" : shape));
    }
    return Math.toIntExact(shape.get(0));
  }

  private static ModelCard.Input defaultInput(InputShape shape) throws ModelCardException {
    if (!shape.isFixedSize()) {
      throw new ModelCardException(
          "the model accepts images of any size ("
              + shape
              + ") and has no model card"
              + " saying which size to use");
    }
    checkChannels(shape.channels());
    return new ModelCard.Input((int) shape.height(), (int) shape.width(), (int) shape.channels());
  }

  private static void checkInput(ModelCard card, InputShape shape, Path cardFile)
      throws ModelCardException {
    ModelCard.Input input = card.input();
    boolean fits =
        matches(shape.height(), input.height())
            && matches(shape.width(), input.width())
            && matches(shape.channels(), input.channels());
    if (!fits) {
      throw new ModelCardException(
          "the model card "
              + cardFile
              + " does not fit the model: it says the input is "
              + input
              + " (height x width x channels) but the model takes "
              + shape);
    }
  }

  private static void checkChannels(long channels) throws ModelCardException {
    if (channels != 1 && channels != 3) {
      throw new ModelCardException(
          "the model takes "
              + channels
              + " channels; LungScan feeds 1 (grayscale)"
              + " or 3 (RGB)");
    }
  }

  private static boolean matches(long modelDimension, int cardDimension) {
    return modelDimension < 0 || modelDimension == cardDimension;
  }
}
