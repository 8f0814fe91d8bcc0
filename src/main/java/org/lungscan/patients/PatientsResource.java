package org.lungscan.patients;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lungscan.platform.PageRequest;

/** The JSON door to a doctor's patients. */
@Path("patients")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientsResource {

  private static final String NO_BODY = "must be a JSON object with name, age and gender";

  @Inject PatientService patients;
  @Inject ScanCounter scanCounter;
  @Context UriInfo uri;

  @GET
  public Response list(
      @QueryParam("query") String query,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    List<Patient> found = patients.list(query, PageRequest.of(page, size));
    Map<Long, Long> counts = scanCounter.countScans(found.stream().map(Patient::getId).toList());
    List<PatientResponse> body = found.stream().map(p -> PatientResponse.of(p, counts)).toList();
    return Response.ok(body).header("X-Total-Count", patients.count(query)).build();
  }

  @POST
  public Response create(@NotNull(message = NO_BODY) PatientRequest body) {
    Patient patient = patients.create(body.details());
    return Response.created(uri.getAbsolutePathBuilder().path(patient.getId().toString()).build())
        .entity(PatientResponse.of(patient, Map.of()))
        .build();
  }

  @GET
  @Path("{id}")
  public PatientResponse get(@PathParam("id") long id) {
    return withCount(patients.get(id));
  }

  @PUT
  @Path("{id}")
  public PatientResponse update(
      @PathParam("id") long id, @NotNull(message = NO_BODY) PatientRequest body) {
    return withCount(patients.update(id, body.details()));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    patients.delete(id);
    return Response.noContent().build();
  }

  private PatientResponse withCount(Patient patient) {
    return PatientResponse.of(patient, scanCounter.countScans(List.of(patient.getId())));
  }

  /** Body of a create or update; age may be a number or a numeric string. */
  public record PatientRequest(String name, Object age, String gender) {
    PatientDetails details() {
      return PatientDetails.of(name, age, gender);
    }
  }

  /** A patient as the API shows it. */
  public record PatientResponse(
      long id,
      String name,
      int age,
      Gender gender,
      Instant createdAt,
      Instant updatedAt,
      long scanCount) {
    static PatientResponse of(Patient p, Map<Long, Long> counts) {
      return new PatientResponse(
          p.getId(),
          p.getName(),
          p.getAge(),
          p.getGender(),
          p.getCreatedAt(),
          p.getUpdatedAt(),
          counts.getOrDefault(p.getId(), 0L));
    }
  }
}
