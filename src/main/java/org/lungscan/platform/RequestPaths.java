package org.lungscan.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a request's path means, decided once for the sign-in mechanism, the filters and the error
 * page alike. The container routes on the decoded path with {@code ;} parameters cut off, so the
 * raw URI must never decide anything: a request is for the JSON API when the container gave it to
 * the API's servlet, and a path spelled so that the raw and the routed forms can differ is refused
 * before anyone looks at who sent it.
 */
public final class RequestPaths {

  /** The servlet path of the JSON API: {@link Pages#API} without its trailing slash. */
  private static final String API_SERVLET_PATH = Pages.API.substring(0, Pages.API.length() - 1);

  private static final String FORBIDDEN_DECODED = "/\\;.%";

  private RequestPaths() {}

  /** Whether the container routes this request to the JSON API. */
  public static boolean isApi(HttpServletRequest request) {
    return API_SERVLET_PATH.equals(request.getServletPath());
  }

  /** The path the container routes on, decoded and without {@code ;} parameters. */
  public static String routedPath(HttpServletRequest request) {
    return request.getServletPath() + pathInfo(request);
  }

  /** The path inside the API, as the container routes it ({@code /patients/7}), or empty. */
  public static String apiPath(HttpServletRequest request) {
    return pathInfo(request);
  }

  private static String pathInfo(HttpServletRequest request) {
    String inside = request.getPathInfo();
    return inside == null ? "" : inside;
  }

  /**
   * Whether the raw path could be read two ways: {@code ;} parameters, backslashes, empty, {@code
   * .} or {@code ..} segments, or percent-encoded separators, dots, percents and control
   * characters. No page or endpoint of LungScan needs any of them.
   */
  public static boolean isAmbiguous(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path == null || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
      return true;
    }
    if (request.isRequestedSessionIdFromURL()) {
      // the container cuts ;jsessionid= out of the URI before anyone sees it
      return true;
    }
    return hasOddSegment(path) || hasForbiddenEscape(path);
  }

  private static boolean hasOddSegment(String path) {
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasForbiddenEscape(String path) {
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length()) {
        return true;
      }
      int value = hexValue(path.charAt(i + 1)) * 16 + hexValue(path.charAt(i + 2));
      if (value < 0x20 || value == 0x7f || FORBIDDEN_DECODED.indexOf(value) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** A negative number for anything but a hex digit, so that the sum above is negative too. */
  private static int hexValue(char c) {
    int digit = Character.digit(c, 16);
    return digit < 0 ? -1024 : digit;
  }
}
