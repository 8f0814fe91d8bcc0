package org.lungscan.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.Pages;

/** The page door to creating an account; signs the new doctor in straight away. */
@Named("signUp")
@RequestScoped
public class SignUpView {

  @Inject AccountService accounts;
  @Inject SecurityContext security;
  @Inject FacesContext faces;

  private String name;
  private String email;
  private String password;

  /** A broken rule or a taken email is shown beside its field by the pages' exception handler. */
  public String signUp() {
    Doctor doctor;
    try {
      doctor = accounts.signUp(new NewAccount(name, email, password));
    } catch (AccountRefused refused) {
      PageMessages.error(refused.pageMessageKey());
      return null;
    }
    if (!doctor.isActive()) {
      PageMessages.info("accounts.pendingAfterSignUp");
      faces.getExternalContext().getFlash().setKeepMessages(true);
      return Pages.redirectTo(Pages.LOGIN);
    }
    return SignInView.signInAs(faces, security, email, password)
        ? Pages.redirectTo(Pages.DASHBOARD)
        : null;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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
}
