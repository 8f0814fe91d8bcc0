package org.lungscan.models;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The administrators' JSON door to the de-identified dataset of reviewed scans. */
@Path("admin/dataset")
@RolesAllowed("admin")
@Tag(name = "Models")
public class DatasetResource {

  @Inject DatasetExport export;

  @GET
  @Produces({"application/zip", "application/problem+json"})
  @Operation(
      operationId = "exportDataset",
      summary = "Every reviewed scan, de-identified, with labels.csv, as a zip")
  @APIResponse(
      responseCode = "200",
      description = "The zip",
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response dataset() {
    StreamingOutput zip = export::export;
    return Response.ok(zip, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"lungscan-dataset.zip\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
