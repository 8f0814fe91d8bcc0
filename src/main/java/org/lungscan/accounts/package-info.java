/**
 * Doctors' accounts: signing up, passwords, API tokens and signing in, for the API and the pages.
 *
 * <p>Offers {@link org.lungscan.accounts.AccountService} (the rules of accounts), {@link
 * org.lungscan.accounts.CurrentDoctor} (who is signed in for this request, whichever door it came
 * through: every other feature scopes its queries with it), {@link
 * org.lungscan.accounts.SignInMechanism} (bearer tokens under {@code /api/}, a session for the
 * pages) and the doors {@code AuthResource}, {@code SignInView} and {@code SignUpView}.
 *
 * <p>Rules: passwords are kept as bcrypt hashes only and never logged; an unknown email and a wrong
 * password are answered alike; repeated failures are slowed, then refused to the address they came
 * from only ({@link org.lungscan.accounts.SignInThrottle}), so no one can lock a doctor out; an
 * email is compared exactly once folded ({@link org.lungscan.accounts.Doctor#normalizeEmail});
 * every sign-up, sign-in and sign-out is audited. What a new account must be is stated as
 * constraints on {@link org.lungscan.accounts.NewAccount} (the password by {@link
 * org.lungscan.accounts.AcceptablePassword}), checked where it enters the service.
 *
 * <p>Imports audit and platform only; never patients, scans or predictions, which build on it.
 */
package org.lungscan.accounts;
