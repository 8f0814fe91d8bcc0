package org.lungscan.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import org.lungscan.platform.NotFound;

/**
 * The doctor signed in for this request, by token or by session: every service scopes its reads and
 * writes with this, whichever door the request came through.
 */
@Named("currentDoctor")
@RequestScoped
public class CurrentDoctor {

  @Inject SecurityContext security;
  @Inject AccountService accounts;

  private Doctor doctor;

  public Doctor get() {
    if (doctor == null) {
      Principal principal = security.getCallerPrincipal();
      if (principal == null) {
        throw new NotSignedIn();
      }
      doctor = accounts.findByEmail(principal.getName()).orElseThrow(NotSignedIn::new);
    }
    return doctor;
  }

  public long id() {
    return get().getId();
  }

  public boolean isSignedIn() {
    return security.getCallerPrincipal() != null;
  }

  /** No doctor is signed in for this request. */
  public static class NotSignedIn extends NotFound {
    public NotSignedIn() {
      super("Signed-in doctor");
    }
  }
}
