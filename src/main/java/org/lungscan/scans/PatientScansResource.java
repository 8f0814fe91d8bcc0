package org.lungscan.scans;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.lungscan.scans.ScanResponses.ScanWithLatestPrediction;

/** The JSON door to one patient's scans, newest first, each with its latest prediction. */
@Path("patients/{patientId}/scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class PatientScansResource {

  @Inject ScanService scans;
  @Inject LatestPredictions latestPredictions;

  @GET
  public List<ScanWithLatestPrediction> list(@PathParam("patientId") long patientId) {
    List<LungScan> found = scans.ofPatient(patientId);
    Map<Long, Object> latest =
        latestPredictions.latestFor(found.stream().map(LungScan::getId).toList());
    return found.stream().map(s -> ScanWithLatestPrediction.of(s, latest.get(s.getId()))).toList();
  }
}
