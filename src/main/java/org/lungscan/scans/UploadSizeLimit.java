package org.lungscan.scans;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.lungscan.platform.Problem;

/**
 * Refuses an upload whose declared length is over the limit before its body is read at all. A body
 * sent without a length is cut off by the image store when it passes the limit.
 */
@Provider
@PreMatching
public class UploadSizeLimit implements ContainerRequestFilter {

  @Inject UploadLimit limit;

  @Override
  public void filter(ContainerRequestContext request) {
    if ("POST".equals(request.getMethod())
        && request.getUriInfo().getPath().endsWith("lung-scans")
        && request.getLength() >= 0
        && !limit.admitsRequestOf(request.getLength())) {
      request.abortWith(
          Problem.of(
                  413,
                  "Content Too Large",
                  "The upload is larger than the limit of " + limit.getMegabytes() + " MB.")
              .toResponse()
              .build());
    }
  }
}
