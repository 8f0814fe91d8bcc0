package org.lungscan.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A doctor's account as someone asked for it, from the sign-up page, the API ({@code POST
 * /api/auth/signup}) or the configured first administrator. Name and email are kept without the
 * spaces around them.
 */
public record NewAccount(
    @NotBlank(message = NAME_RULE) @Size(max = 100, message = NAME_RULE) String name,
    @NotNull(message = EMAIL_RULE)
        @Size(max = 254, message = EMAIL_RULE)
        @Email(regexp = EMAIL_FORM, message = EMAIL_RULE)
        String email,
    @AcceptablePassword String password) {

  static final String NAME_RULE = "must be 1 to 100 characters";
  static final String EMAIL_RULE = "must be a valid email address";

  /** Beyond the standard's rules: a dot in the domain, and a top-level part of two or more. */
  static final String EMAIL_FORM = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$";

  public NewAccount {
    name = name == null ? null : name.strip();
    email = email == null ? null : email.strip();
  }
}
