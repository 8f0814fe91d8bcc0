package org.lungscan.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.Pages;
import org.lungscan.platform.SecurityHeaders;

/** The page door to signing in and out. */
@Named("signIn")
@RequestScoped
public class SignInView {

  @Inject SecurityContext security;
  @Inject FacesContext faces;
  @Inject CurrentDoctor currentDoctor;
  @Inject AccountService accounts;

  private String email;
  private String password;
  private boolean expired;
  private boolean signedOut;
  private boolean ended;
  private String code;

  public String logIn() {
    return signInAs(faces, security, email, password) ? landing() : null;
  }

  /**
   * The dashboard; or, when the hospital requires it of administrators and this one has not set up
   * two-factor sign-in, the account page to do so first.
   */
  private String landing() {
    boolean mustSetUp =
        currentDoctor.isSignedIn() && accounts.mustSetUpSecondFactor(currentDoctor.id());
    return Pages.redirectTo(
        mustSetUp ? SignInMechanism.MY_ACCOUNT + "?twoFactorRequired=true" : Pages.DASHBOARD);
  }

  /** Signs in through the application's mechanism; on refusal, says why on the page. */
  static boolean signInAs(
      FacesContext faces, SecurityContext security, String email, String password) {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(email, new Password(password)))
                .newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      return true;
    }
    if (status == AuthenticationStatus.SEND_CONTINUE) {
      faces.responseComplete();
      return false;
    }
    Object refusal = request.getAttribute(SignInMechanism.REFUSAL);
    Object refusalKey = request.getAttribute(SignInMechanism.REFUSAL_KEY);
    Object codeNeeded = request.getAttribute(SignInMechanism.CODE_NEEDED);
    if (refusalKey != null) {
      PageMessages.error(refusalKey.toString());
    } else if (codeNeeded != null) {
      if ((Boolean) codeNeeded) {
        PageMessages.error("signIn.codeWrong");
      } else {
        PageMessages.info("signIn.codeNeeded");
      }
    } else if (refusal == null) {
      PageMessages.error("signIn.refused");
    } else {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.toString(), null));
    }
    return false;
  }

  /** The second step, when the account has two-factor sign-in: the code from the app. */
  public String giveCode() {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new CodeCredential(code))
                .newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      return landing();
    }
    Object refusal = request.getAttribute(SignInMechanism.REFUSAL);
    Object refusalKey = request.getAttribute(SignInMechanism.REFUSAL_KEY);
    if (refusalKey != null) {
      PageMessages.error(refusalKey.toString());
    } else if (refusal != null) {
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.toString(), null));
    } else {
      PageMessages.error("signIn.codeWrong");
    }
    return null;
  }

  /** Whether this browser gave a right password and owes a two-factor code now. */
  public boolean isAwaitingCode() {
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    return SignInMechanism.awaitsCode(request.getSession(false));
  }

  /** Starts over from the password, forgetting the half-finished sign-in. */
  public String startOver() {
    faces.getExternalContext().invalidateSession();
    return Pages.redirectTo(Pages.LOGIN);
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public boolean isEnded() {
    return ended;
  }

  public void setEnded(boolean ended) {
    this.ended = ended;
  }

  public String logOut() throws ServletException, IOException {
    if (currentDoctor.isSignedIn()) {
      accounts.signedOut(currentDoctor.get());
    }
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    request.logout();
    faces.getExternalContext().invalidateSession();
    faces
        .getExternalContext()
        .setResponseHeader("Clear-Site-Data", SecurityHeaders.CLEAR_SITE_DATA);
    return Pages.redirectTo(Pages.loginAfterSignOut());
  }

  /** Tells a doctor who lands on the login page why they are there. */
  public void explainArrival() {
    if (ended) {
      PageMessages.warn("signIn.ended");
    } else if (expired) {
      PageMessages.warn("signIn.expired");
    } else if (signedOut) {
      PageMessages.info("signIn.signedOut");
    }
  }

  public String getToday() {
    return LocalDate.now()
        .format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.ENGLISH));
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isExpired() {
    return expired;
  }

  public void setExpired(boolean expired) {
    this.expired = expired;
  }

  public boolean isSignedOut() {
    return signedOut;
  }

  public void setSignedOut(boolean signedOut) {
    this.signedOut = signedOut;
  }
}
