package org.lungscan.accounts;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.Pages;
import org.lungscan.platform.SecurityHeaders;

/**
 * The page door to the doctor's own account: password, two-factor sign-in, logging out everywhere.
 */
@Named("myAccount")
@ViewScoped
public class AccountView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject AccountService accounts;
  @Inject SecondFactor secondFactor;
  @Inject CurrentDoctor currentDoctor;

  private String currentPassword;
  private String newPassword;
  private String otp;
  private String offOtp;
  private String secret;
  private String qrCode;
  private boolean passwordReset;
  private boolean twoFactorRequired;

  /** Says on arrival why the doctor was sent here first. */
  public void explainArrival() {
    if (passwordReset) {
      PageMessages.warn("account.mustChangePassword");
    } else if (twoFactorRequired) {
      PageMessages.warn("account.mustSetUpTwoFactor");
    }
  }

  public String changePassword() {
    int version = accounts.changePassword(currentDoctor.id(), currentPassword, newPassword, null);
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    SignInMechanism.continueAt(request.getSession(), version);
    currentPassword = null;
    newPassword = null;
    PageMessages.info("account.passwordChanged");
    if (passwordReset) {
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      return Pages.redirectTo(Pages.DASHBOARD);
    }
    return null;
  }

  public void startTwoFactor() {
    SecondFactor.Setup setup = secondFactor.begin(currentDoctor.id());
    secret = groupsOfFour(setup.secret());
    qrCode = QrCode.svgDataUri(setup.otpauthUri());
  }

  public void confirmTwoFactor() {
    secondFactor.confirm(currentDoctor.id(), otp);
    secret = null;
    qrCode = null;
    otp = null;
    PageMessages.info("account.twoFactorOn");
  }

  public void stopTwoFactor() {
    try {
      secondFactor.turnOff(currentDoctor.id(), offOtp);
    } catch (Invalid wrongCode) {
      throw new Invalid("off_otp", wrongCode.errors().get(0).message());
    }
    offOtp = null;
    PageMessages.info("account.twoFactorOff");
  }

  /** Ends every session and token of the doctor's, this one too. */
  public String logOutEverywhere() {
    accounts.logOutEverywhere(currentDoctor.get());
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    external.invalidateSession();
    external.setResponseHeader("Clear-Site-Data", SecurityHeaders.CLEAR_SITE_DATA);
    return Pages.redirectTo(Pages.loginAfterSignOut());
  }

  public boolean isTwoFactorOn() {
    return accounts.find(currentDoctor.id()).map(Doctor::isMfaEnabled).orElse(false);
  }

  /** The secret in groups of four characters, easier to type into an app by hand. */
  static String groupsOfFour(String secret) {
    return secret.replaceAll("(.{4})(?=.)", "$1 ");
  }

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getOtp() {
    return otp;
  }

  public void setOtp(String otp) {
    this.otp = otp;
  }

  public String getOffOtp() {
    return offOtp;
  }

  public void setOffOtp(String offOtp) {
    this.offOtp = offOtp;
  }

  public String getSecret() {
    return secret;
  }

  public String getQrCode() {
    return qrCode;
  }

  public boolean isPasswordReset() {
    return passwordReset;
  }

  public void setPasswordReset(boolean passwordReset) {
    this.passwordReset = passwordReset;
  }

  public boolean isTwoFactorRequired() {
    return twoFactorRequired;
  }

  public void setTwoFactorRequired(boolean twoFactorRequired) {
    this.twoFactorRequired = twoFactorRequired;
  }
}
