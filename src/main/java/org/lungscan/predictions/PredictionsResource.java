package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;
import org.lungscan.platform.PageRequest;
import org.lungscan.scans.ScanResponses.PatientSummary;

/** The JSON door to the doctor's predictions. */
@Path("predictions")
@Tag(
    name = "Predictions",
    description = "The model's predictions on a doctor's scans, and the model itself")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class PredictionsResource {

  @Inject PredictionService predictions;

  @GET
  @Operation(
      operationId = "listPredictions",
      summary = "All the doctor's predictions, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The predictions, each with its scan and patient",
      headers =
          @Header(
              name = "X-Total-Count",
              description = "How many there are in all",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PredictionWithScan"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
    List<PredictionWithScan> body =
        predictions.list(PageRequest.of(page, size)).stream().map(PredictionWithScan::of).toList();
    return Response.ok(body).header("X-Total-Count", predictions.count()).build();
  }

  @GET
  @Path("{scanId}")
  @Operation(
      operationId = "listScanPredictions",
      summary = "The predictions of one scan, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The predictions",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PredictionResponse"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public List<PredictionResponse> ofScan(
      @PathParam("scanId") @Schema(format = "int64") long scanId) {
    return predictions.ofScan(scanId).stream().map(PredictionResponse::of).toList();
  }

  /** Body of {@code POST /api/predict}. */
  public record PredictRequest(
      @Schema(
              format = "int64",
              description = "The scan to predict on",
              example = "1",
              required = true)
          Long scanId) {}

  /** Answer of {@code POST /api/predict}. */
  public record PredictResponse(String message, PredictionResponse prediction) {}

  /** A prediction in the doctor's list, with the scan and patient it is about. */
  @Schema(name = "PredictionWithScan")
  public record PredictionWithScan(
      @Schema(format = "int64") long id,
      @Schema(format = "int64") long scanId,
      String predictedClass,
      double confidence,
      java.util.Map<String, Double> probabilities,
      String modelName,
      String modelVersion,
      String intendedUse,
      double inferenceMs,
      Instant predictedAt,
      ScanSummary scan) {
    static PredictionWithScan of(Prediction p) {
      PredictionResponse r = PredictionResponse.of(p);
      return new PredictionWithScan(
          r.id(),
          r.scanId(),
          r.predictedClass(),
          r.confidence(),
          r.probabilities(),
          r.modelName(),
          r.modelVersion(),
          r.intendedUse(),
          r.inferenceMs(),
          r.predictedAt(),
          new ScanSummary(p.getScan().getId(), PatientSummary.of(p.getScan().getPatient())));
    }
  }

  /** The scan a prediction is about, briefly. */
  public record ScanSummary(@Schema(format = "int64") long id, PatientSummary patient) {}

  /** The model as {@code GET /api/model} shows it. */
  @Schema(name = "ModelInUse")
  public record ModelResponse(
      String name,
      String version,
      String status,
      String detail,
      List<String> labels,
      InputShape input,
      String intendedUse,
      Instant loadedAt) {
    static ModelResponse of(ModelStatus m) {
      return new ModelResponse(
          m.name(),
          m.version(),
          m.ready() ? "READY" : "UNAVAILABLE",
          m.detail(),
          m.labels(),
          m.ready() ? new InputShape(m.inputHeight(), m.inputWidth(), m.inputChannels()) : null,
          m.intendedUse(),
          m.loadedAt());
    }
  }

  /** The image size and channels the model expects. */
  public record InputShape(int height, int width, int channels) {}
}
