package org.lungscan.scans;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.lungscan.platform.Invalid;
import org.lungscan.scans.ScanResponses.Scan;

/**
 * The JSON door to lung scans: upload, download and delete. Listing and reading them, with their
 * reviews, is the reading feature's door on the same path ({@code reading.ScansResource}).
 */
@Path("lung-scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class LungScansResource {

  @Inject ScanService scans;
  @Context UriInfo uri;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @BoundedUpload
  public Response upload(List<EntityPart> parts) throws IOException {
    long patientId = patientId(part(parts, "patient_id"));
    EntityPart image =
        part(parts, "image")
            .orElseThrow(() -> new Invalid("image", "is required: attach a JPEG or PNG file"));
    try (InputStream content = image.getContent()) {
      LungScan scan = scans.upload(patientId, content, image.getFileName().orElse(null));
      return Response.created(uri.getAbsolutePathBuilder().path(scan.getId().toString()).build())
          .entity(Scan.of(scan))
          .build();
    }
  }

  /** A form without a file, or any other body, has no image part. */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response uploadWithoutParts() {
    throw new Invalid(
        "image", "is required: send multipart/form-data with the JPEG or PNG file as part image");
  }

  @GET
  @Path("{id}/image")
  @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
  public Response image(@PathParam("id") long id) {
    ScanImage image = scans.image(id);
    return Response.ok(image.content(), image.contentType())
        .header("Content-Length", image.length())
        .header("X-Content-Type-Options", "nosniff")
        .header(
            "Content-Disposition", "inline; filename=\"scan-" + id + "." + image.extension() + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("{id}/thumbnail")
  @Produces({"image/png", MediaType.APPLICATION_JSON})
  public Response thumbnail(@PathParam("id") long id) {
    ScanImage thumbnail = scans.thumbnail(id);
    return Response.ok(thumbnail.content(), thumbnail.contentType())
        .header("Content-Length", thumbnail.length())
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    scans.delete(id);
    return Response.noContent().build();
  }

  private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
    return parts == null
        ? Optional.empty()
        : parts.stream().filter(p -> name.equals(p.getName())).findFirst();
  }

  private static long patientId(Optional<EntityPart> part) {
    String text =
        part.map(LungScansResource::text)
            .map(String::strip)
            .orElseThrow(() -> new Invalid("patient_id", "is required"));
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new Invalid("patient_id", "must be a positive whole number");
  }

  private static String text(EntityPart part) {
    try {
      return part.getContent(String.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
