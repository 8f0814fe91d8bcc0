package org.lungscan.accounts;

import java.util.Locale;

/** What a signed-in person may do: every account is a doctor; some are also administrators. */
public enum Role {
  DOCTOR,
  ADMIN;

  /** As the JSON API writes it: {@code doctor} or {@code admin}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
