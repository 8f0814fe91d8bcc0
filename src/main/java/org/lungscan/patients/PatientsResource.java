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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.OpenApiDocument;
import org.lungscan.platform.PageRequest;

/** The JSON door to a doctor's patients. */
@Path("patients")
@Tag(name = "Patients", description = "A doctor's patients")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatientsResource {

  private static final String NO_BODY = "must be a JSON object with name, age and gender";

  @Inject PatientService patients;
  @Inject ScanCounter scanCounter;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listPatients", summary = "The doctor's patients, by name")
  @APIResponse(
      responseCode = "200",
      description = "The patients, alphabetically",
      headers =
          @Header(
              name = "X-Total-Count",
              description = "How many there are in all",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PatientResponse"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
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
  @Operation(operationId = "createPatient", summary = "Add a patient")
  @APIResponse(
      responseCode = "201",
      description = "The patient",
      headers =
          @Header(
              name = "Location",
              description = "Where the new resource is",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PatientResponse")))
  @APIResponse(
      responseCode = "400",
      description = "Name, age or gender refused (see errors)",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response create(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(ref = "PatientRequest"),
                      examples =
                          @ExampleObject(
                              name = "patient",
                              value =
                                  "{\"name\": \"Grace Hopper\", \"age\": 85, \"gender\": \"FEMALE\"}")))
          @NotNull(message = NO_BODY)
          PatientRequest body) {
    Patient patient = patients.create(body.details());
    return Response.created(uri.getAbsolutePathBuilder().path(patient.getId().toString()).build())
        .entity(PatientResponse.of(patient, Map.of()))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getPatient", summary = "One patient")
  @APIResponse(
      responseCode = "200",
      description = "The patient",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PatientResponse")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public PatientResponse get(@PathParam("id") @Schema(format = "int64") long id) {
    return withCount(patients.get(id));
  }

  @PUT
  @Path("{id}")
  @Operation(operationId = "updatePatient", summary = "Change a patient's name, age or gender")
  @APIResponse(
      responseCode = "200",
      description = "The patient",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "PatientResponse")))
  @APIResponse(
      responseCode = "400",
      description = "Name, age or gender refused (see errors)",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public PatientResponse update(
      @PathParam("id") @Schema(format = "int64") long id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(ref = "PatientRequest"),
                      examples =
                          @ExampleObject(
                              name = "patient",
                              value =
                                  "{\"name\": \"Grace Hopper\", \"age\": 85, \"gender\": \"FEMALE\"}")))
          @NotNull(message = NO_BODY)
          PatientRequest body) {
    return withCount(patients.update(id, body.details()));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deletePatient",
      summary = "Delete a patient with their scans and predictions")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response delete(@PathParam("id") @Schema(format = "int64") long id) {
    patients.delete(id);
    return Response.noContent().build();
  }

  private PatientResponse withCount(Patient patient) {
    return PatientResponse.of(patient, scanCounter.countScans(List.of(patient.getId())));
  }

  /** Body of a create or update; age may be a number or a numeric string. */
  public record PatientRequest(
      @Schema(description = "1 to 100 characters", example = "Grace Hopper") String name,
      @Schema(
              type = SchemaType.INTEGER,
              minimum = "0",
              maximum = "130",
              description = "Whole years, 0 to 130 (a numeric string is accepted too)",
              example = "85")
          Object age,
      @Schema(
              enumeration = {"MALE", "FEMALE", "OTHER"},
              description = "Any case on input",
              example = "FEMALE")
          String gender) {
    PatientDetails details() {
      return PatientDetails.of(name, age, gender);
    }
  }

  /** A patient as the API shows it. */
  @Schema(name = "PatientResponse")
  public record PatientResponse(
      @Schema(format = "int64") long id,
      String name,
      int age,
      Gender gender,
      Instant createdAt,
      Instant updatedAt,
      @Schema(format = "int64") long scanCount) {
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
