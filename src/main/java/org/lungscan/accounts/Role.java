package org.lungscan.accounts;

/** What a signed-in person may do: every account is a doctor; some are also administrators. */
public enum Role {
  DOCTOR,
  ADMIN
}
