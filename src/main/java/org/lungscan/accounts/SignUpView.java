package org.lungscan.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;

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

  public String signUp() {
    try {
      accounts.signUp(name, email, password);
    } catch (Invalid invalid) {
      invalid
          .errors()
          .forEach(
              error ->
                  faces.addMessage(
                      "signup:" + error.field(),
                      new FacesMessage(
                          FacesMessage.SEVERITY_ERROR,
                          label(error.field()) + " " + error.message() + ".",
                          null)));
      return null;
    } catch (Conflict conflict) {
      faces.addMessage(
          "signup:email",
          new FacesMessage(FacesMessage.SEVERITY_ERROR, conflict.getMessage(), null));
      return null;
    }
    return SignInView.signInAs(faces, security, email, password) ? SignInView.DASHBOARD : null;
  }

  private static String label(String field) {
    return Character.toUpperCase(field.charAt(0)) + field.substring(1);
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
