package org.lungscan.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A doctor signed in on the pages as a browser is, but over plain HTTP: it posts the login form,
 * keeps the session cookie and sends it back, and can press the dashboard's Log out button. For
 * tests that look at what the pages' session can reach and at response headers.
 */
public final class PageSession {

  public static final String COOKIE = "LUNGSCAN_SESSION";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

  private Function<String, URI> server;
  private final Map<String, String> headers;
  private String sessionId;
  private final Map<String, String> otherCookies = new LinkedHashMap<>();
  private HttpResponse<String> lastLogin;

  private PageSession(Function<String, URI> server, Map<String, String> headers) {
    this.server = server;
    this.headers = headers;
  }

  /** A visitor who has not signed in. */
  public static PageSession anonymous(RunningServer server) {
    return new PageSession(server::uri, Map.of());
  }

  /** Signs in through the login page, as the doctor would type it. */
  public static PageSession signIn(RunningServer server, String email, String password) {
    return signIn(server, email, password, Map.of());
  }

  /**
   * Signs in with headers on every request, as a proxy in front of the server would add them
   * ({@code X-Forwarded-Proto}).
   */
  public static PageSession signIn(
      RunningServer server, String email, String password, Map<String, String> headers) {
    return signIn(server::uri, email, password, headers);
  }

  /** Signs in at whatever answers these addresses: an instance, or a load balancer. */
  public static PageSession signIn(
      Function<String, URI> server, String email, String password, Map<String, String> headers) {
    PageSession session = new PageSession(server, headers);
    String viewState = session.viewStateOf(session.get("/login.xhtml"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("login", "login");
    form.put("login:email", email);
    form.put("login:password", password);
    form.put("login:logIn", "");
    form.put("jakarta.faces.ViewState", viewState);
    session.lastLogin = session.post("/login.xhtml", form, Map.of());
    if (session.lastLogin.statusCode() != 302
        || !session.lastLogin.headers().firstValue("Location").orElse("").contains("/app/")) {
      throw new IllegalStateException("page sign-in failed: " + session.lastLogin.statusCode());
    }
    return session;
  }

  /**
   * Sends this session's next requests elsewhere (another instance of a cluster) with the same
   * cookie, as a load balancer without stickiness does.
   */
  public PageSession through(Function<String, URI> other) {
    this.server = other;
    return this;
  }

  /** The answer to the login form, with the session cookie it set. */
  public HttpResponse<String> loginAnswer() {
    return lastLogin;
  }

  /** The {@code Cookie} header value a browser would send. */
  public String cookie() {
    return COOKIE + "=" + sessionId;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  /** Presses Log out on the dashboard and returns the server's answer (a redirect). */
  public HttpResponse<String> logOut() {
    String viewState = viewStateOf(get("/app/dashboard.xhtml"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("account", "account");
    form.put("account:logOut", "");
    form.put("jakarta.faces.ViewState", viewState);
    return post("/app/dashboard.xhtml", form, Map.of());
  }

  /** Posts a form with extra headers, the way a browser submits it. */
  public HttpResponse<String> post(
      String path, Map<String, String> form, Map<String, String> headers) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.apply(path)).timeout(Duration.ofSeconds(60));
    headers.forEach(builder::header);
    StringBuilder cookies = new StringBuilder(sessionId == null ? "" : cookie());
    // Payara's own cookies too (JSESSIONIDVERSION: which copy of a replicated session is current)
    otherCookies.forEach(
        (name, value) -> cookies.append("; ").append(name).append('=').append(value));
    String header = cookies.toString().replaceFirst("^; ", "");
    return header.isEmpty() ? builder : builder.header("Cookie", header);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      keepSessionCookie(response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void keepSessionCookie(HttpResponse<?> response) {
    for (String setCookie : response.headers().allValues("Set-Cookie")) {
      Matcher value = Pattern.compile("^(?:__Host-)?" + COOKIE + "=([^;]*)").matcher(setCookie);
      if (value.find()) {
        sessionId = value.group(1);
      } else {
        Matcher other = Pattern.compile("^([A-Za-z0-9_]+)=([^;]*)").matcher(setCookie);
        if (other.find()) {
          otherCookies.put(other.group(1), other.group(2));
        }
      }
    }
  }

  private String viewStateOf(HttpResponse<String> page) {
    Matcher viewState = VIEW_STATE.matcher(page.body());
    if (page.statusCode() != 200 || !viewState.find()) {
      throw new IllegalStateException("no form on the page: " + page.statusCode());
    }
    return viewState.group(1);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
