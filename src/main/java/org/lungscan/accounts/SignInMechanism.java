package org.lungscan.accounts;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.ClientAddress;
import org.lungscan.platform.Pages;
import org.lungscan.platform.Problem;
import org.lungscan.platform.RequestPaths;
import org.lungscan.platform.SecurityHeaders;
import org.lungscan.platform.TooManyAttempts;

/**
 * How a request says who it is. The JSON API under {@code /api/} takes only bearer tokens, checked
 * by the server's MicroProfile JWT mechanism; the pages take a session, opened by a password
 * sign-in. The two never mix: a session cookie means nothing to the API.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

  /**
   * Request attribute naming why a page sign-in was refused when it is more than wrong credentials
   * (throttling), for the page to show.
   */
  public static final String REFUSAL = "lungscan.signInRefusal";

  static final String SESSION_KEY = "lungscan.signedIn";
  private static final Set<String> PUBLIC_API = Set.of("/auth/signup", "/auth/login");
  private static final String JWT_MECHANISM_PACKAGE = "fish.payara.microprofile.jwtauth";

  @Inject BeanManager beans;
  @Inject AccountService accounts;
  @Inject ClientAddress clientAddress;

  @Inject
  @ConfigProperty(name = "lungscan.session.idle-timeout-seconds")
  int idleTimeoutSeconds;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    SecurityHeaders.applyTo(request, response);
    if (RequestPaths.isAmbiguous(request)) {
      return refuseAmbiguousPath(response);
    }
    return RequestPaths.isApi(request)
        ? api(RequestPaths.apiPath(request), request, response, context)
        : pages(RequestPaths.routedPath(request), request, context);
  }

  /** Decided before anything about the caller, so no spelling of a path can pick the door. */
  private static AuthenticationStatus refuseAmbiguousPath(HttpServletResponse response) {
    try {
      Problem.of(
              HttpServletResponse.SC_BAD_REQUEST,
              "Bad Request",
              "The path contains ';', an encoded separator or dot, or an empty, '.' or '..' segment.")
          .writeTo(response);
    } catch (IOException clientWentAway) {
      // nothing to tell a client that is gone
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private AuthenticationStatus api(
      String path,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context)
      throws AuthenticationException {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return PUBLIC_API.contains(path)
          ? context.doNothing()
          : TokenRefusal.send(
              response,
              "Sign in first: send the token from POST /api/auth/login as Authorization: Bearer <token>.");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return TokenRefusal.send(response, "Only bearer tokens are accepted.");
    }
    TokenRefusal.Capture capture = new TokenRefusal.Capture(response);
    context.setResponse(capture);
    try {
      AuthenticationStatus status = jwtMechanism().validateRequest(request, capture, context);
      if (status == AuthenticationStatus.SUCCESS) {
        return status;
      }
    } finally {
      context.setResponse(response);
    }
    return TokenRefusal.send(
        response, "The token is malformed, expired, or not signed by this server.");
  }

  /**
   * The server's MicroProfile JWT mechanism, found by the type it declares (its class is the
   * server's).
   */
  private HttpAuthenticationMechanism jwtMechanism() {
    Bean<?> bean =
        beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE).stream()
            .filter(
                b ->
                    b.getTypes().stream()
                        .anyMatch(type -> type.getTypeName().startsWith(JWT_MECHANISM_PACKAGE)))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("MicroProfile JWT is not active"));
    return (HttpAuthenticationMechanism)
        beans.getReference(
            bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
  }

  private AuthenticationStatus pages(
      String path, HttpServletRequest request, HttpMessageContext context) {
    if (context.isAuthenticationRequest()
        && context.getAuthParameters().getCredential()
            instanceof UsernamePasswordCredential credential) {
      return signInWithPassword(credential, request, context);
    }
    Optional<SignedIn> signedIn = signedIn(request.getSession(false));
    if (signedIn.isPresent()) {
      return context.notifyContainerAboutLogin(
          signedIn.get().email(), new HashSet<>(signedIn.get().groups()));
    }
    if (Pages.needsSignIn(path)) {
      boolean expired =
          request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
      String login = request.getContextPath() + (expired ? Pages.loginAfterExpiry() : Pages.LOGIN);
      return isAjax(request) ? ajaxRedirect(context.getResponse(), login) : context.redirect(login);
    }
    return context.doNothing();
  }

  private AuthenticationStatus signInWithPassword(
      UsernamePasswordCredential credential,
      HttpServletRequest request,
      HttpMessageContext context) {
    Optional<Doctor> doctor;
    try {
      doctor =
          accounts.signIn(
              credential.getCaller(), credential.getPasswordAsString(), clientAddress.of(request));
    } catch (TooManyAttempts refused) {
      request.setAttribute(REFUSAL, refused.getMessage());
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (doctor.isEmpty()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    List<String> groups = TokenIssuer.groupsOf(doctor.get());
    HttpSession session = newSessionId(request);
    session.setMaxInactiveInterval(idleTimeoutSeconds);
    session.setAttribute(SESSION_KEY, new SignedIn(doctor.get().getEmail(), groups));
    return context.notifyContainerAboutLogin(doctor.get().getEmail(), new HashSet<>(groups));
  }

  private static boolean isAjax(HttpServletRequest request) {
    return "partial/ajax".equals(request.getHeader("Faces-Request"));
  }

  /**
   * A page's background request cannot follow a plain redirect; Faces' own answer makes the page
   * go.
   */
  private static AuthenticationStatus ajaxRedirect(HttpServletResponse response, String url) {
    try {
      response.setContentType("text/xml");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                  + url
                  + "\"></redirect></partial-response>");
    } catch (IOException clientWentAway) {
      // nothing to tell a client that is gone
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** A session id an attacker may have planted before sign-in is not the one after it. */
  private static HttpSession newSessionId(HttpServletRequest request) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    return request.getSession(true);
  }

  private static Optional<SignedIn> signedIn(HttpSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable((SignedIn) session.getAttribute(SESSION_KEY));
    } catch (IllegalStateException invalidated) {
      return Optional.empty();
    }
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  /** Who is signed in on a page session. */
  record SignedIn(String email, List<String> groups) implements Serializable {}

  /** The API's answer to a request without a usable token. */
  static final class TokenRefusal {

    private TokenRefusal() {}

    static AuthenticationStatus send(HttpServletResponse response, String detail) {
      try {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                    + detail.replace("\"", "'")
                    + "\"}");
      } catch (IOException clientWentAway) {
        // nothing to tell a client that is gone
      }
      return AuthenticationStatus.SEND_FAILURE;
    }

    /** Keeps the JWT mechanism's error from reaching the client, so the API can answer in JSON. */
    static final class Capture extends jakarta.servlet.http.HttpServletResponseWrapper {
      Capture(HttpServletResponse response) {
        super(response);
      }

      @Override
      public void sendError(int status) {
        // recorded by the returned status instead
      }

      @Override
      public void sendError(int status, String message) {
        // recorded by the returned status instead
      }

      @Override
      public void setStatus(int status) {
        // the API decides its own status
      }
    }
  }
}
