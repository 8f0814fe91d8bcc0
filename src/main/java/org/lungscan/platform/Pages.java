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

  /** The administrator's console: pages under here are for the {@code admin} group only. */
  public static final String ADMINS_ONLY = "/admin/";

  /** The console's first page, linked from an administrator's dashboard. */
  public static final String CONSOLE = "/admin/accounts.xhtml";

  /** The JSON door: bearer tokens and problem responses, never a page. */
  public static final String API = "/api/";

  /** Where the server sends every error it did not answer itself. */
  public static final String ERROR = "/error";

  Pages() {}

  /** Whether a visitor must sign in before the page at this routed path is served. */
  public static boolean needsSignIn(String path) {
    return path.startsWith(DOCTORS_ONLY) || path.startsWith(ADMINS_ONLY);
  }

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

  public String getConsole() {
    return CONSOLE;
  }
}
