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
import org.lungscan.platform.PageRequest;
import org.lungscan.scans.ScanResponses.PatientSummary;

/** The JSON door to the doctor's predictions. */
@Path("predictions")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class PredictionsResource {

  @Inject PredictionService predictions;

  @GET
  public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
    List<PredictionWithScan> body =
        predictions.list(PageRequest.of(page, size)).stream().map(PredictionWithScan::of).toList();
    return Response.ok(body).header("X-Total-Count", predictions.count()).build();
  }

  @GET
  @Path("{scanId}")
  public List<PredictionResponse> ofScan(@PathParam("scanId") long scanId) {
    return predictions.ofScan(scanId).stream().map(PredictionResponse::of).toList();
  }

  /** Body of {@code POST /api/predict}. */
  public record PredictRequest(Long scanId) {}

  /** Answer of {@code POST /api/predict}. */
  public record PredictResponse(String message, PredictionResponse prediction) {}

  /** A prediction in the doctor's list, with the scan and patient it is about. */
  public record PredictionWithScan(
      long id,
      long scanId,
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
  public record ScanSummary(long id, PatientSummary patient) {}

  /** The model as {@code GET /api/model} shows it. */
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
