package org.lungscan.accounts;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

  /** Request attribute naming, by its message key, why a correct password was not enough. */
  public static final String REFUSAL_KEY = "lungscan.signInRefusalKey";

  /**
   * Request attribute set when the password was right and a two-factor code is needed: true when
   * one was given and was wrong.
   */
  public static final String CODE_NEEDED = "lungscan.signInCodeNeeded";

  static final String SESSION_KEY = "lungscan.signedIn";
  static final String AWAITING_CODE = "lungscan.awaitingCode";

  /** The doctor's own account page: password, two-factor sign-in, signing out everywhere. */
  static final String MY_ACCOUNT = "/app/account.xhtml";

  /** The administrator's console. */

  /** The login page, saying that the session was ended (elsewhere or by an administrator). */
  static final String LOGIN_AFTER_ENDED = Pages.LOGIN + "?ended=true";

  private static final Set<String> PUBLIC_API = Set.of("/auth/signup", "/auth/login");
  private static final String JWT_MECHANISM_PACKAGE = "fish.payara.microprofile.jwtauth";

  /** API paths a doctor who must change their password may still use. */
  private static final Set<String> BEFORE_PASSWORD_CHANGE =
      Set.of("/auth/password", "/auth/me", "/auth/logout", "/auth/logout-all");

  @Inject BeanManager beans;
  @Inject AccountService accounts;
  @Inject Revocations revocations;
  @Inject ClientAddress clientAddress;

  @Inject
  @ConfigProperty(name = "lungscan.session.idle-timeout-seconds")
  int idleTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "lungscan.session.absolute-lifetime-seconds")
  long absoluteLifetimeSeconds;

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
        return standing(path, authorization.substring(7).strip(), request, response, status);
      }
    } finally {
      context.setResponse(response);
    }
    return TokenRefusal.send(
        response, "The token is malformed, expired, or not signed by this server.");
  }

  /**
   * A token the server verified still has to stand: not logged out, its account active and its
   * session version current; and an account whose password was reset may only change it.
   */
  private AuthenticationStatus standing(
      String path,
      String token,
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationStatus verified) {
    Optional<PresentedToken> presented = presentedToken(token);
    if (presented.isEmpty()
        || !revocations.tokenStands(
            presented.get().doctorId(), presented.get().tokenId(), presented.get().version())) {
      return TokenRefusal.send(
          response,
          "The token has ended: it was logged out, or its account changed. Log in again.");
    }
    request.setAttribute(PresentedToken.ATTRIBUTE, presented.get());
    if (revocations.passwordChangeRequired(presented.get().doctorId())
        && !BEFORE_PASSWORD_CHANGE.contains(path)) {
      try {
        Problem.of(
                HttpServletResponse.SC_FORBIDDEN,
                "Forbidden",
                "The password was reset by an administrator: change it first with PUT /api/auth/password.")
            .writeTo(response);
      } catch (IOException clientWentAway) {
        // nothing to tell a client that is gone
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    return verified;
  }

  /** The claims of a token whose signature, issuer, audience and expiry the server checked. */
  private static Optional<PresentedToken> presentedToken(String token) {
    try {
      JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
      Long version = claims.getLongClaim(TokenIssuer.VERSION);
      return Optional.of(
          new PresentedToken(
              Long.parseLong(claims.getSubject()),
              claims.getJWTID(),
              version == null ? -1 : version.intValue(),
              claims.getExpirationTime().toInstant()));
    } catch (java.text.ParseException | RuntimeException notOurs) {
      return Optional.empty();
    }
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
    if (context.isAuthenticationRequest()
        && context.getAuthParameters().getCredential() instanceof CodeCredential code) {
      return signInWithCode(code, request, context);
    }
    HttpSession session = request.getSession(false);
    Optional<SignedIn> signedIn = signedIn(session);
    String ended = null;
    if (signedIn.isPresent()) {
      if (signedIn.get().outlived(absoluteLifetimeSeconds)) {
        ended = Pages.loginAfterExpiry();
      } else if (!revocations.sessionStands(signedIn.get().doctorId(), signedIn.get().version())) {
        ended = LOGIN_AFTER_ENDED;
      } else {
        Optional<String> detour = detour(path, signedIn.get());
        if (detour.isPresent()) {
          String to = request.getContextPath() + detour.get();
          return isAjax(request) ? ajaxRedirect(context.getResponse(), to) : context.redirect(to);
        }
        return context.notifyContainerAboutLogin(
            signedIn.get().email(), new HashSet<>(signedIn.get().groups()));
      }
      invalidate(session);
    }
    if (Pages.needsSignIn(path)) {
      boolean expired =
          request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
      String login =
          request.getContextPath()
              + (ended != null ? ended : expired ? Pages.loginAfterExpiry() : Pages.LOGIN);
      return isAjax(request) ? ajaxRedirect(context.getResponse(), login) : context.redirect(login);
    }
    return context.doNothing();
  }

  /**
   * Where a signed-in doctor must go before anything else: to change a password an administrator
   * reset, or (when the hospital requires it) an administrator to set up two-factor sign-in before
   * the console.
   */
  private Optional<String> detour(String path, SignedIn signedIn) {
    if (path.equals(MY_ACCOUNT) || !path.endsWith(".xhtml")) {
      return Optional.empty();
    }
    if (revocations.passwordChangeRequired(signedIn.doctorId()) && Pages.needsSignIn(path)) {
      return Optional.of(MY_ACCOUNT + "?passwordReset=true");
    }
    if (path.startsWith(Pages.ADMINS_ONLY) && accounts.mustSetUpSecondFactor(signedIn.doctorId())) {
      return Optional.of(MY_ACCOUNT + "?twoFactorRequired=true");
    }
    return Optional.empty();
  }

  private static void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalid) {
      // ended meanwhile
    }
  }

  private AuthenticationStatus signInWithPassword(
      UsernamePasswordCredential credential,
      HttpServletRequest request,
      HttpMessageContext context) {
    Optional<Doctor> doctor;
    try {
      doctor =
          accounts.signIn(
              credential.getCaller(),
              credential.getPasswordAsString(),
              null,
              clientAddress.of(request));
    } catch (TooManyAttempts refused) {
      request.setAttribute(REFUSAL, refused.getMessage());
      return AuthenticationStatus.SEND_FAILURE;
    } catch (AccountRefused refused) {
      request.setAttribute(REFUSAL_KEY, refused.pageMessageKey());
      return AuthenticationStatus.SEND_FAILURE;
    } catch (SecondFactorRequired codeNeeded) {
      HttpSession session = newSessionId(request);
      session.setMaxInactiveInterval(idleTimeoutSeconds);
      session.setAttribute(
          AWAITING_CODE, new AwaitingCode(codeNeeded.doctorId(), java.time.Instant.now()));
      request.setAttribute(CODE_NEEDED, false);
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (doctor.isEmpty()) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return openSession(doctor.get(), request, context);
  }

  /**
   * The second step of a page sign-in: the code, for the account whose password this session gave
   * within the last five minutes. The password is not kept meanwhile.
   */
  private AuthenticationStatus signInWithCode(
      CodeCredential code, HttpServletRequest request, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    AwaitingCode awaiting =
        session == null ? null : (AwaitingCode) session.getAttribute(AWAITING_CODE);
    if (awaiting == null || awaiting.since().plusSeconds(300).isBefore(java.time.Instant.now())) {
      request.setAttribute(REFUSAL_KEY, "signIn.codeTooLate");
      return AuthenticationStatus.SEND_FAILURE;
    }
    Doctor doctor;
    try {
      doctor = accounts.signInWithCode(awaiting.doctorId(), code.otp(), clientAddress.of(request));
    } catch (TooManyAttempts refused) {
      request.setAttribute(REFUSAL, refused.getMessage());
      return AuthenticationStatus.SEND_FAILURE;
    } catch (AccountRefused refused) {
      session.removeAttribute(AWAITING_CODE);
      request.setAttribute(REFUSAL_KEY, refused.pageMessageKey());
      return AuthenticationStatus.SEND_FAILURE;
    } catch (SecondFactorRequired wrongCode) {
      request.setAttribute(CODE_NEEDED, true);
      return AuthenticationStatus.SEND_FAILURE;
    }
    session.removeAttribute(AWAITING_CODE);
    return openSession(doctor, request, context);
  }

  /** Whether this session gave a right password and now owes a two-factor code. */
  public static boolean awaitsCode(HttpSession session) {
    try {
      return session != null && session.getAttribute(AWAITING_CODE) != null;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  /** A page session between the password and the code. */
  record AwaitingCode(long doctorId, java.time.Instant since) implements Serializable {}

  private AuthenticationStatus openSession(
      Doctor doctor, HttpServletRequest request, HttpMessageContext context) {
    List<String> groups = TokenIssuer.groupsOf(doctor);
    HttpSession session = newSessionId(request);
    session.setMaxInactiveInterval(idleTimeoutSeconds);
    session.setAttribute(
        SESSION_KEY,
        new SignedIn(
            doctor.getId(),
            doctor.getEmail(),
            groups,
            doctor.getSessionVersion(),
            java.time.Instant.now()));
    return context.notifyContainerAboutLogin(doctor.getEmail(), new HashSet<>(groups));
  }

  /**
   * After a password change on this page session: the session carries on at the new version, while
   * every other one has ended.
   */
  static void continueAt(HttpSession session, int version) {
    SignedIn signedIn = (SignedIn) session.getAttribute(SESSION_KEY);
    if (signedIn != null) {
      session.setAttribute(
          SESSION_KEY,
          new SignedIn(
              signedIn.doctorId(),
              signedIn.email(),
              signedIn.groups(),
              version,
              signedIn.signedInAt()));
    }
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

  /** Who is signed in on a page session, since when, at which session version of their account. */
  record SignedIn(
      long doctorId, String email, List<String> groups, int version, java.time.Instant signedInAt)
      implements Serializable {
    boolean outlived(long lifetimeSeconds) {
      return signedInAt.plusSeconds(lifetimeSeconds).isBefore(java.time.Instant.now());
    }
  }

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
