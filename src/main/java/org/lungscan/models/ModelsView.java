package org.lungscan.models;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.PageMessages;

/** The console's page door to the model registry: list, upload, evaluate, activate. */
@Named("modelsView")
@ViewScoped
public class ModelsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ModelRegistry registry;
  @Inject ModelEvaluation evaluation;

  private transient Part modelFile;
  private transient Part cardFile;
  private transient List<ModelsResource.ModelResponse> models;
  private String validation;
  private boolean validationPassed;
  private ModelEvaluation.Result evaluated;

  public List<ModelsResource.ModelResponse> getModels() {
    if (models == null) {
      models = registry.list().stream().map(ModelsResource.ModelResponse::of).toList();
    }
    return models;
  }

  public void upload() {
    if (modelFile == null || modelFile.getSize() == 0) {
      validationPassed = false;
      validation = PageMessages.text("models.upload.missing");
      return;
    }
    try (InputStream model = modelFile.getInputStream();
        InputStream card =
            cardFile == null || cardFile.getSize() == 0 ? null : cardFile.getInputStream()) {
      RegisteredModel registered =
          registry.upload(
              new ModelUpload(modelFile.getSubmittedFileName(), model, card, null, null));
      validationPassed = true;
      validation =
          PageMessages.text(
              "models.upload.passed",
              registered.getName(),
              registered.getVersion(),
              registered.getDetail());
    } catch (Invalid refused) {
      validationPassed = false;
      validation =
          PageMessages.text(
              "models.upload.refused",
              refused.errors().isEmpty()
                  ? refused.getMessage()
                  : refused.errors().get(0).message());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    models = null;
  }

  public void evaluate(long id) {
    try {
      evaluated = evaluation.evaluate(id);
    } catch (Conflict refused) {
      PageMessages.error("models.refused", refused.getMessage());
    }
  }

  public void activate(long id) {
    try {
      ModelsResource.ModelResponse active = ModelsResource.ModelResponse.of(registry.activate(id));
      PageMessages.info("models.activated", active.name(), active.version());
    } catch (Conflict refused) {
      PageMessages.error("models.refused", refused.getMessage());
    }
    models = null;
  }

  /** The confusion matrix as rows (finding, then one count per predicted class). */
  public List<List<String>> confusionRows(Map<String, Map<String, Integer>> confusion) {
    List<List<String>> rows = new ArrayList<>();
    for (String finding : confusion.keySet()) {
      List<String> row = new ArrayList<>(List.of(finding));
      for (String predicted : predictedClasses(confusion)) {
        row.add(Integer.toString(confusion.get(finding).getOrDefault(predicted, 0)));
      }
      rows.add(row);
    }
    return rows;
  }

  public List<String> predictedClasses(Map<String, Map<String, Integer>> confusion) {
    return confusion.values().stream()
        .flatMap(m -> m.keySet().stream())
        .distinct()
        .sorted()
        .toList();
  }

  public String percent(Double rate) {
    return rate == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
  }

  public Part getModelFile() {
    return modelFile;
  }

  public void setModelFile(Part modelFile) {
    this.modelFile = modelFile;
  }

  public Part getCardFile() {
    return cardFile;
  }

  public void setCardFile(Part cardFile) {
    this.cardFile = cardFile;
  }

  public String getValidation() {
    return validation;
  }

  public boolean isValidationPassed() {
    return validationPassed;
  }

  public ModelEvaluation.Result getEvaluated() {
    return evaluated;
  }
}
