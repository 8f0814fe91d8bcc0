package org.lungscan.models;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.OpenApiDocument;

/** The administrators' JSON door to the model registry. */
@Path("admin/models")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "The model registry and its data set, for administrators")
public class ModelsResource {

  @Inject ModelRegistry registry;
  @Inject ModelEvaluation evaluation;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listModels", summary = "Every registered model, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The models",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "RegisteredModel"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public List<ModelResponse> list() {
    return registry.list().stream().map(ModelResponse::of).toList();
  }

  /**
   * Any body that is not a form has no model part. Declared before {@link #upload} and described
   * there: of two methods sharing a path and an HTTP method, Payara's OpenAPI reader keeps the
   * later one's operation only.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response uploadWithoutParts() {
    throw new Invalid(
        "model", "is required: send multipart/form-data with the Keras file as part model");
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @BoundedModelUpload
  @Operation(
      operationId = "uploadModel",
      summary = "Upload and validate a Keras model; it is not activated")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema = @Schema(ref = "ModelUploadForm")))
  @APIResponse(
      responseCode = "201",
      description = "The model, AVAILABLE, with its validation",
      headers =
          @Header(
              name = "Location",
              description = "Where the new model is",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "RegisteredModel")))
  @APIResponse(
      responseCode = "400",
      description = "No model part, or not a usable model, with the reason",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "413",
      description = "Larger than the model upload limit",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response upload(List<EntityPart> parts) throws IOException {
    EntityPart model =
        part(parts, "model")
            .orElseThrow(
                () -> new Invalid("model", "is required: attach the Keras model (.h5 or .keras)"));
    try (InputStream content = model.getContent();
        InputStream card = content(parts, "card");
        InputStream input = content(parts, "reference_input");
        InputStream output = content(parts, "reference_output")) {
      RegisteredModel registered =
          registry.upload(
              new ModelUpload(model.getFileName().orElse(null), content, card, input, output));
      return Response.created(
              uri.getAbsolutePathBuilder().path(registered.getId().toString()).build())
          .entity(ModelResponse.of(registered))
          .build();
    }
  }

  @GET
  @Path("{id}/evaluation")
  @Operation(
      operationId = "evaluateModel",
      summary = "The model's agreement with the doctors' reviews, beside the active model's")
  @APIResponse(
      responseCode = "200",
      description = "The evaluation, kept with the model",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ModelEvaluation")))
  @APIResponse(
      responseCode = "404",
      description = "No such model",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The model FAILED its validation",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public ModelEvaluation.Result evaluation(@PathParam("id") @Schema(format = "int64") long id) {
    return evaluation.evaluate(id);
  }

  @POST
  @Path("{id}/activate")
  @Operation(
      operationId = "activateModel",
      summary = "Make the model the one that predicts, on every instance, without a restart")
  @APIResponse(
      responseCode = "200",
      description = "The model, now ACTIVE",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "RegisteredModel")))
  @APIResponse(
      responseCode = "404",
      description = "No such model",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The model FAILED its validation or cannot be loaded",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public ModelResponse activate(@PathParam("id") @Schema(format = "int64") long id) {
    return ModelResponse.of(registry.activate(id));
  }

  private static java.util.Optional<EntityPart> part(List<EntityPart> parts, String name) {
    return parts == null
        ? java.util.Optional.empty()
        : parts.stream().filter(p -> name.equals(p.getName())).findFirst();
  }

  private static InputStream content(List<EntityPart> parts, String name) {
    return part(parts, name).map(EntityPart::getContent).orElse(null);
  }

  /** The parts of an upload, for the API's description only. */
  @Schema(name = "ModelUploadForm", requiredProperties = "model")
  public record ModelUploadForm(
      @Schema(
              type = SchemaType.STRING,
              format = "binary",
              description = "The Keras model, .h5 or .keras")
          String model,
      @Schema(type = SchemaType.STRING, format = "binary", description = "The model card (JSON)")
          String card,
      @Schema(
              type = SchemaType.STRING,
              format = "binary",
              description =
                  "A reference input (.npy) the model must answer as reference_output says")
          String referenceInput,
      @Schema(
              type = SchemaType.STRING,
              format = "binary",
              description = "The expected output (.npy) for reference_input, within 1e-4")
          String referenceOutput) {}

  /** A registered model as the API shows it. */
  @Schema(name = "RegisteredModel")
  public record ModelResponse(
      @Schema(format = "int64") long id,
      String name,
      String version,
      String status,
      String sha256,
      @Schema(format = "int64") long sizeBytes,
      List<String> labels,
      List<String> cancerLabels,
      Input input,
      Instant uploadedAt,
      String uploadedBy,
      Validation validation) {

    public record Input(int height, int width, int channels) {}

    public record Validation(boolean imported, String detail, Double referenceMaxAbsDiff) {}

    static ModelResponse of(RegisteredModel m) {
      return new ModelResponse(
          m.getId(),
          m.getName(),
          m.getVersion(),
          m.getStatus().name(),
          m.getSha256(),
          m.getSizeBytes(),
          m.getLabels(),
          m.getCancerLabels(),
          new Input(m.getInputHeight(), m.getInputWidth(), m.getInputChannels()),
          m.getUploadedAt(),
          m.getUploadedBy(),
          new Validation(m.isImported(), m.getDetail(), m.getReferenceMaxAbsDiff()));
    }
  }
}
