package org.lungscan.predictions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.lungscan.scans.LungScan;

/** The JSON door to one patient's scans, newest first, each with its latest prediction. */
@Path("patients/{patientId}/scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class PatientScansResource {

  @Inject PredictionService predictions;

  @GET
  public List<PatientScan> list(@PathParam("patientId") long patientId) {
    return predictions.scansOfPatient(patientId).stream().map(PatientScan::of).toList();
  }

  /** A scan in a patient's history, with its latest prediction or null. */
  public record PatientScan(
      long id,
      long patientId,
      String contentType,
      long sizeBytes,
      int width,
      int height,
      String sha256,
      String originalFilename,
      Instant uploadedAt,
      PredictionResponse latestPrediction) {
    static PatientScan of(ScanWithLatestPrediction found) {
      LungScan s = found.scan();
      return new PatientScan(
          s.getId(),
          s.getPatient().getId(),
          s.getContentType(),
          s.getSizeBytes(),
          s.getWidth(),
          s.getHeight(),
          s.getSha256(),
          s.getOriginalFilename(),
          s.getUploadedAt(),
          found.latestPrediction().map(PredictionResponse::of).orElse(null));
    }
  }
}
