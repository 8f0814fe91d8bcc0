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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.Invalid;
import org.lungscan.scans.ScanResponses.Scan;

/**
 * The JSON door to lung scans: upload, download and delete. Listing and reading them, with their
 * reviews, is the reading feature's door on the same path ({@code reading.ScansResource}).
 */
@Path("lung-scans")
@Tag(name = "Lung scans", description = "Upload, download and delete a doctor's lung scans")
@RolesAllowed("doctor")
@Produces(MediaType.APPLICATION_JSON)
public class LungScansResource {

  /** Longer than any id with spaces around it. */
  private static final int PATIENT_ID_BYTES = 64;

  @Inject ScanService scans;
  @Context UriInfo uri;

  /**
   * A form without a file, or any other body, has no image part. Declared before {@link #upload}
   * and not hidden, for Payara's OpenAPI reader: of two methods sharing a path and an HTTP method
   * it keeps the later one's operation, and {@code hidden} drops the shared operation before it
   * reads the upload's request body, and fails.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response uploadWithoutParts() {
    throw new Invalid(
        "image", "is required: send multipart/form-data with the JPEG or PNG file as part image");
  }

  /**
   * Reads the form as it arrives: the image part streams into the store as it is received, never
   * buffered whole; {@code patient_id} may come before or after it.
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @BoundedUpload
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "ScanUpload")))
  @Operation(operationId = "uploadScan", summary = "Upload a lung scan of a patient")
  @APIResponse(
      responseCode = "201",
      description = "The stored scan",
      headers =
          @Header(
              name = "Location",
              description = "Where the new resource is",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Scan")))
  @APIResponse(
      responseCode = "400",
      description =
          "A part is missing, or the image is not a decodable JPEG or PNG, or has too many pixels",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such patient of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "413",
      description = "The image is over the size limit",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response upload(@Context HttpHeaders headers, InputStream body) throws IOException {
    MultipartForm form = form(headers, body);
    Long patientId = null;
    for (Optional<MultipartForm.Part> next = next(form); next.isPresent(); next = next(form)) {
      MultipartForm.Part part = next.get();
      if (part.name().equals("patient_id") && patientId == null) {
        patientId = patientId(part);
      } else if (part.name().equals("image")) {
        String fileName = part.fileName().orElse(null);
        LungScan scan =
            patientId != null
                ? scans.upload(patientId, part.content(), fileName)
                : scans.upload(part.content(), fileName, () -> patientIdAfter(form));
        return Response.created(uri.getAbsolutePathBuilder().path(scan.getId().toString()).build())
            .entity(Scan.of(scan))
            .build();
      }
    }
    if (patientId == null) {
      throw new Invalid("patient_id", "is required");
    }
    throw new Invalid("image", "is required: attach a JPEG or PNG file");
  }

  private static MultipartForm form(HttpHeaders headers, InputStream body) {
    MediaType type = headers.getMediaType();
    try {
      return new MultipartForm(body, type == null ? null : type.getParameters().get("boundary"));
    } catch (MultipartForm.MalformedException e) {
      throw new Invalid("image", e.getMessage());
    }
  }

  private static Optional<MultipartForm.Part> next(MultipartForm form) {
    try {
      return form.next();
    } catch (MultipartForm.MalformedException e) {
      throw new Invalid("image", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The patient_id that follows the image in the form. */
  private static long patientIdAfter(MultipartForm form) {
    for (Optional<MultipartForm.Part> next = next(form); next.isPresent(); next = next(form)) {
      if (next.get().name().equals("patient_id")) {
        return patientId(next.get());
      }
    }
    throw new Invalid("patient_id", "is required");
  }

  /** A form without a file, or any other body, has no image part. */
  @GET
  @Path("{id}/image")
  @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
  @Operation(operationId = "getScanImage", summary = "Download a scan's image")
  @APIResponse(
      responseCode = "200",
      description = "The stored bytes, in their own type",
      content = {
        @Content(
            mediaType = "image/png",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "500",
      description = "The stored image is damaged",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response image(@PathParam("id") @Schema(format = "int64") long id) {
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
  @Operation(operationId = "getScanThumbnail", summary = "A small PNG of a scan, for lists")
  @APIResponse(
      responseCode = "200",
      description = "The thumbnail",
      content =
          @Content(
              mediaType = "image/png",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "500",
      description = "The stored image is damaged",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response thumbnail(@PathParam("id") @Schema(format = "int64") long id) {
    ScanImage thumbnail = scans.thumbnail(id);
    return Response.ok(thumbnail.content(), thumbnail.contentType())
        .header("Content-Length", thumbnail.length())
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(operationId = "deleteScan", summary = "Delete a scan with its predictions and image")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of this doctor",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response delete(@PathParam("id") @Schema(format = "int64") long id) {
    scans.delete(id);
    return Response.noContent().build();
  }

  /** The parts of an upload, for the API's description only. */
  @Schema(
      name = "ScanUpload",
      requiredProperties = {"image", "patient_id"})
  public record ScanUpload(
      @Schema(type = SchemaType.STRING, format = "binary", description = "A JPEG or PNG file")
          String image,
      @Schema(format = "int64", description = "The patient's id", example = "1") long patientId) {}

  private static long patientId(MultipartForm.Part part) {
    String text;
    try {
      text = part.text(PATIENT_ID_BYTES).map(String::strip).orElse("");
    } catch (MultipartForm.MalformedException e) {
      throw new Invalid("image", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
