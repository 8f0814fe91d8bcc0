package org.lungscan.reading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;
import org.lungscan.predictions.PredictionService;
import org.lungscan.predictions.ScanWithLatestPrediction;
import org.lungscan.reading.ScanAnswers.PatientScan;

/**
 * The JSON door to one patient's scans, newest first, each with its latest prediction and review.
 */
@Path("patients/{patientId}/scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reading")
public class PatientScansResource {

  @Inject PredictionService predictions;
  @Inject ReviewService reviews;

  @GET
  @Operation(
      operationId = "listPatientScans",
      summary = "The patient's scans, newest first, with latest prediction and review")
  @APIResponse(
      responseCode = "200",
      description = "The scans",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PatientScan"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public List<PatientScan> list(@PathParam("patientId") @Schema(format = "int64") long patientId) {
    List<ScanWithLatestPrediction> found = predictions.scansOfPatient(patientId);
    Map<Long, Review> latest =
        reviews.latestOf(found.stream().map(ScanWithLatestPrediction::scan).toList());
    return found.stream().map(s -> PatientScan.of(s, latest)).toList();
  }
}
