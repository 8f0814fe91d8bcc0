package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.Problem;

/**
 * Refuses an upload whose declared length is over the limit before its body is read at all. A body
 * sent without a length is cut off by the image store when it passes the limit.
 */
@Provider
@PreMatching
public class UploadSizeLimit implements ContainerRequestFilter {

  /** Room for the multipart boundaries and the patient id around the image itself. */
  static final long MULTIPART_OVERHEAD = 64 * 1024;

  @Inject
  @ConfigProperty(name = "lungscan.upload.max-bytes", defaultValue = "20971520")
  long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if ("POST".equals(request.getMethod())
        && request.getUriInfo().getPath().endsWith("lung-scans")
        && request.getLength() > maxBytes + MULTIPART_OVERHEAD) {
      request.abortWith(
          Problem.of(
                  413,
                  "Content Too Large",
                  "The upload is larger than the limit of " + maxBytes / (1024 * 1024) + " MB.")
              .toResponse()
              .build());
    }
  }
}
