package org.lungscan.accounts;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: 12 to 128 characters and not one that attackers try first. Checks {@link
 * AcceptablePassword}; Bean Validation keeps one instance, so the list is read once.
 */
public class PasswordPolicy implements ConstraintValidator<AcceptablePassword, String> {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;
  private static final String COMMON_PASSWORDS = "/org/lungscan/accounts/common-passwords.txt";

  private final Set<String> common = loadCommonPasswords();

  /** Why the password is refused, in plain words, or empty when it is acceptable. */
  public Optional<String> problemWith(String password) {
    if (password == null || password.isEmpty()) {
      return Optional.of("is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
    }
    if (isCommon(password)) {
      return Optional.of("is too common; choose one that is harder to guess");
    }
    return Optional.empty();
  }

  @Override
  public boolean isValid(String password, ConstraintValidatorContext context) {
    Optional<String> problem = problemWith(password);
    problem.ifPresent(
        why -> {
          context.disableDefaultConstraintViolation();
          context.buildConstraintViolationWithTemplate(why).addConstraintViolation();
        });
    return problem.isEmpty();
  }

  /** A listed password, also with digits or symbols tacked on at the end, or repeated. */
  boolean isCommon(String password) {
    String lower = password.toLowerCase(Locale.ROOT);
    String stem = lower.replaceAll("[^a-z]+$", "");
    return common.contains(lower) || common.contains(stem) || isRepetitionOfCommon(lower);
  }

  private boolean isRepetitionOfCommon(String lower) {
    for (int size = 1; size <= lower.length() / 2; size++) {
      String unit = lower.substring(0, size);
      if (lower.length() % size == 0 && unit.repeat(lower.length() / size).equals(lower)) {
        return size < 4 || common.contains(unit);
      }
    }
    return false;
  }

  private static Set<String> loadCommonPasswords() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Set<String> passwords = new HashSet<>();
      reader
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(line -> passwords.add(line.strip().toLowerCase(Locale.ROOT)));
      return passwords;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, e);
    }
  }
}
