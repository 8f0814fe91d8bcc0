package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.lungscan.platform.Problem;

/**
 * Bounds an upload's body before anything reads it, once JAX-RS has matched the method (so no
 * spelling of the path escapes it). A declared length over the {@link UploadLimit} is refused at
 * once; any other body, chunked ones too, is counted as it streams and cut off the moment it passes
 * the limit or its multipart parts pass {@link #MAX_PARTS}, before the multipart reader has kept
 * more than that.
 */
@Provider
@BoundedUpload
public class UploadGuard implements ContainerRequestFilter {

  /** An upload needs two parts; a few more are tolerated, thousands are an attack. */
  static final int MAX_PARTS = 8;

  @Inject UploadLimit limit;

  @Override
  public void filter(ContainerRequestContext request) {
    String tooLarge = "The upload is larger than the limit of " + limit.getMegabytes() + " MB.";
    if (request.getLength() >= 0 && !limit.admitsRequestOf(request.getLength())) {
      request.abortWith(Problem.of(413, "Content Too Large", tooLarge).toResponse().build());
      return;
    }
    request.setEntityStream(
        new BoundedBody(
            request.getEntityStream(),
            limit.getMaxBytes() + UploadLimit.MULTIPART_OVERHEAD,
            tooLarge,
            boundaryOf(request.getMediaType()),
            MAX_PARTS));
  }

  private static String boundaryOf(MediaType type) {
    return type == null ? null : type.getParameters().get("boundary");
  }
}
