package org.lungscan.accounts;

/**
 * The password was right, but the account has two-factor sign-in and the code was missing or wrong.
 * The API answers 401 with {@code "mfa_required": true}.
 */
public class SecondFactorRequired extends RuntimeException {

  private final boolean codeGiven;
  private final long doctorId;

  SecondFactorRequired(long doctorId, boolean codeGiven) {
    super(
        codeGiven
            ? "The two-factor code is not correct, or was used already."
            : "This account has two-factor sign-in: send the code from the authenticator app as otp.");
    this.codeGiven = codeGiven;
    this.doctorId = doctorId;
  }

  long doctorId() {
    return doctorId;
  }

  public boolean codeGiven() {
    return codeGiven;
  }
}
