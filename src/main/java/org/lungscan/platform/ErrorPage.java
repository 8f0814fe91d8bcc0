package org.lungscan.platform;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the server sends every error it did not answer itself: a problem document for the API, a
 * plain page for people. Never a stack trace, SQL or version.
 */
@WebServlet(Pages.ERROR)
public class ErrorPage extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    SecurityHeaders.applyTo(request, response);
    if (isViewExpired(error)) {
      response.sendRedirect(request.getContextPath() + Pages.loginAfterExpiry());
      return;
    }
    if (error != null) {
      LOG.log(Level.SEVERE, "Unexpected error while serving a request", error);
      status = 500;
    }
    response.setStatus(status);
    if (uri != null && uri.startsWith(request.getContextPath() + Pages.API)) {
      writeProblem(response, status);
    } else {
      writePage(response, status, explanation(status, uri, request.getContextPath()));
    }
  }

  private static boolean isViewExpired(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ViewExpiredException) {
        return true;
      }
    }
    return false;
  }

  private static void writeProblem(HttpServletResponse response, int status) throws IOException {
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title(status)
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + explanation(status)
                + "\"}");
  }

  private static String explanation(int status, String uri, String contextPath) {
    boolean console = uri != null && uri.startsWith(contextPath + Pages.ADMINS_ONLY);
    return status == 403 && console
        ? "This page is for administrators only. You are signed in, but your account is not an"
            + " administrator's."
        : explanation(status);
  }

  private static void writePage(HttpServletResponse response, int status, String explanation)
      throws IOException {
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LungScan - "
                + title(status)
                + "</title></head><body><h1>"
                + title(status)
                + "</h1><p>"
                + explanation
                + "</p><p><a href=\"/\">Back to LungScan</a></p></body></html>");
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }

  private static String explanation(int status) {
    return switch (status) {
      case 401 -> "Please sign in.";
      case 403 -> "You are not allowed to do this.";
      case 404 -> "There is nothing here.";
      case 413 -> "The upload is larger than the server accepts.";
      case 503 -> "The service is not available right now. Please try again shortly.";
      default ->
          status >= 500
              ? "Something went wrong on the server. It has been logged."
              : "The request was not understood.";
    };
  }
}
