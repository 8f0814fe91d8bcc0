package org.lungscan.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Names the API endpoint a request matched (method and path template) for {@link RequestMetrics}.
 */
@Provider
public class EndpointNames implements ContainerRequestFilter {

  @Context ResourceInfo resource;
  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    if (resource == null || resource.getResourceClass() == null) {
      return;
    }
    Path type = resource.getResourceClass().getAnnotation(Path.class);
    Path method = resource.getResourceMethod().getAnnotation(Path.class);
    String template =
        ("/api/"
                + (type == null ? "" : type.value())
                + "/"
                + (method == null ? "" : method.value()))
            .replaceAll("/+", "/")
            .replaceAll("(.)/$", "$1");
    request.setAttribute(RequestMetrics.ENDPOINT, context.getMethod() + " " + template);
  }
}
