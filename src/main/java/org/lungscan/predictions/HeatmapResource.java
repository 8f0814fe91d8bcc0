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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.Invalid;
import org.lungscan.predictions.heatmap.HeatmapService;

/** The JSON door to where the model looked on a scan. */
@Path("lung-scans/{id}/heatmap")
@RolesAllowed("doctor")
@Tag(name = "Heatmaps", description = "Where in a scan the model found its evidence")
public class HeatmapResource {

  static final String METHOD_HEADER = "X-Heatmap-Method";

  @Inject HeatmapService heatmaps;

  @GET
  @Produces({"image/png", MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "getScanHeatmap",
      summary =
          "The scan with the model's evidence for a label overlaid, or that evidence as a grid")
  @APIResponse(
      responseCode = "200",
      description =
          "PNG: the scan (at most 1024 px on its longer side) with a viridis colour map overlaid;"
              + " with format=grid, JSON {label, method, rows, cols, values} in [0, 1], row 0 at"
              + " the top. Header X-Heatmap-Method: class-activation-map or occlusion",
      headers =
          @Header(
              name = METHOD_HEADER,
              description = "How the evidence was found: class-activation-map or occlusion",
              schema = @Schema(type = SchemaType.STRING)),
      content = {
        @Content(
            mediaType = "image/png",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HeatmapGrid"))
      })
  @APIResponse(
      responseCode = "400",
      description = "Unknown label or format",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such scan of the doctor's",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "503",
      description = "No usable model is loaded, or it is busy (Retry-After)",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
  public Response heatmap(
      @PathParam("id") @Schema(format = "int64") long id,
      @Parameter(description = "One of the model's labels; default the latest prediction's class")
          @QueryParam("label")
          String label,
      @Parameter(description = "grid for JSON; absent or png for the picture") @QueryParam("format")
          String format) {
    if (format == null || format.isEmpty() || format.equals("png")) {
      HeatmapService.Picture picture = heatmaps.overlaid(id, label);
      return Response.ok(picture.png(), picture.contentType())
          .header(METHOD_HEADER, picture.method())
          .header("Content-Disposition", "inline; filename=\"heatmap-" + id + ".png\"")
          .header("X-Content-Type-Options", "nosniff")
          .build();
    }
    if (!format.equals("grid")) {
      throw new Invalid("format", "must be grid or png");
    }
    HeatmapService.Grid grid = heatmaps.grid(id, label);
    return Response.ok(GridResponse.of(grid), MediaType.APPLICATION_JSON)
        .header(METHOD_HEADER, grid.method())
        .build();
  }

  /** A heatmap as numbers: {@code rows} lists of {@code cols} values in [0, 1]. */
  @Schema(name = "HeatmapGrid")
  public record GridResponse(
      String label, String method, int rows, int cols, List<List<Float>> values) {

    static GridResponse of(HeatmapService.Grid grid) {
      List<List<Float>> rows = new ArrayList<>();
      for (float[] values : grid.values()) {
        List<Float> row = new ArrayList<>();
        for (float value : values) {
          row.add(value);
        }
        rows.add(row);
      }
      return new GridResponse(grid.label(), grid.method(), grid.rows(), grid.cols(), rows);
    }
  }
}
