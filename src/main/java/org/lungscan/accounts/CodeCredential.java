package org.lungscan.accounts;

import jakarta.security.enterprise.credential.Credential;

/** A two-factor code typed on the sign-in page, the second step after the password. */
public record CodeCredential(String otp) implements Credential {}
