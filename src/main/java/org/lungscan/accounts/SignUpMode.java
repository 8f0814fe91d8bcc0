package org.lungscan.accounts;

import java.util.Locale;

/** Who may create an account ({@code lungscan.signup}). */
public enum SignUpMode {
  /** Anyone may ask; an administrator approves before the account can sign in. */
  APPROVAL,
  /** Anyone may sign up and sign in at once. */
  OPEN,
  /** Nobody may sign up; administrators are created by configuration. */
  CLOSED;

  static SignUpMode of(String setting) {
    try {
      return valueOf(setting.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "lungscan.signup must be approval, open or closed, not " + setting, e);
    }
  }

  /**
   * The status a new account starts in. The first account of an empty database with no configured
   * administrator becomes an active administrator whatever the mode, so that somebody can govern.
   */
  AccountStatus statusOfNewAccount(boolean firstAdministrator) {
    return firstAdministrator || this == OPEN ? AccountStatus.ACTIVE : AccountStatus.PENDING;
  }

  boolean allowsSignUp(boolean firstAdministrator) {
    return firstAdministrator || this != CLOSED;
  }
}
