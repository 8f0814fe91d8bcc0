package org.lungscan.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Where the pages are, and the prefixes that split the application into doors: the one place a path
 * is written, relative to the context root. Pages read the same through {@code #{pages}}.
 */
@Named("pages")
@Dependent
public final class Pages {

  public static final String LOGIN = "/login.xhtml";
  public static final String SIGN_UP = "/signup.xhtml";
  public static final String DASHBOARD = "/app/dashboard.xhtml";

  /** Pages and images under here are for signed-in doctors only. */
  public static final String DOCTORS_ONLY = "/app/";

  /** The JSON door: bearer tokens and problem responses, never a page. */
  public static final String API = "/api/";

  /** Where the server sends every error it did not answer itself. */
  public static final String ERROR = "/error";

  Pages() {}

  /** The login page, saying that the session ran out. */
  public static String loginAfterExpiry() {
    return LOGIN + "?expired=true";
  }

  /** The login page, saying that the doctor logged out. */
  public static String loginAfterSignOut() {
    return LOGIN + "?signedOut=true";
  }

  /** A Faces navigation outcome that sends the browser to the page, so its address shows. */
  public static String redirectTo(String page) {
    return page + (page.contains("?") ? "&" : "?") + "faces-redirect=true";
  }

  public String getLoginAfterExpiry() {
    return loginAfterExpiry();
  }
}
