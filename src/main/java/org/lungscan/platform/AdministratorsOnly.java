package org.lungscan.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's door: pages under {@link Pages#ADMINS_ONLY} are served to the {@code admin} group
 * only. A visitor who has not signed in was already sent to the login page by the sign-in
 * mechanism; a signed-in doctor without the group gets 403 and the plain refusal page of {@link
 * ErrorPage}, never the page, its forms or its actions (a Faces POST is refused the same way).
 */
@WebFilter(urlPatterns = Pages.ADMINS_ONLY + "*")
public class AdministratorsOnly extends HttpFilter {

  /** The group that reaches the console, as tokens and page sessions name it. */
  public static final String GROUP = "admin";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + Pages.LOGIN);
      return;
    }
    if (!request.isUserInRole(GROUP)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }
}
