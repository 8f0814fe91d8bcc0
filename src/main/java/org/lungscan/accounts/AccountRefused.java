package org.lungscan.accounts;

/**
 * The account may not do this now, and the doctor is told why: sign-up is closed, or a correct
 * password was given for an account that is pending approval or disabled. The API answers 403.
 */
public class AccountRefused extends RuntimeException {

  private final String pageMessageKey;

  AccountRefused(String message, String pageMessageKey) {
    super(message);
    this.pageMessageKey = pageMessageKey;
  }

  static AccountRefused signUpClosed() {
    return new AccountRefused(
        "Sign-up is closed here: ask an administrator for an account.", "accounts.signUpClosed");
  }

  static AccountRefused notActive(AccountStatus status) {
    return status == AccountStatus.PENDING
        ? new AccountRefused(
            "This account is waiting for an administrator's approval.", "accounts.pending")
        : new AccountRefused(
            "This account is disabled: ask an administrator to enable it.", "accounts.disabled");
  }

  static AccountRefused administratorsOnly() {
    return new AccountRefused("Only administrators may do this.", "accounts.administratorsOnly");
  }

  /** The key in the {@code msg} bundle of the sentence the pages show. */
  public String pageMessageKey() {
    return pageMessageKey;
  }
}
