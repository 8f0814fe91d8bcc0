package org.lungscan.platform;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The application's root: the dashboard for a signed-in doctor, the login page for anyone else. */
@WebServlet("")
public class RootPage extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String target = request.getUserPrincipal() != null ? Pages.DASHBOARD : Pages.LOGIN;
    response.sendRedirect(request.getContextPath() + target);
  }
}
