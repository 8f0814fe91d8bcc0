package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Content-Security-Policy: no inline script without the page's nonce, nothing evaluated from
 * strings, nothing from elsewhere, never framed. {@link SecurityHeaders} sends it with every
 * response but pages; PrimeFaces sends it with pages (web.xml's {@code primefaces.CSP_POLICY} reads
 * {@code #{contentSecurityPolicy.forPages}}), adding a fresh nonce for its own scripts to the last
 * directive.
 */
@Named("contentSecurityPolicy")
@ApplicationScoped
public class ContentSecurityPolicy {

  /**
   * The only inline {@code style} attributes allowed, exactly as PrimeFaces writes them to hide a
   * container until its widget starts, in the growl and in the file upload's progress. They are
   * allowed by their hashes ({@code 'unsafe-hashes'} lets a hash match an attribute); any other
   * inline style, and every {@code <style>} element, is refused.
   */
  static final List<String> PRIMEFACES_INLINE_STYLES =
      List.of(
          "display:none",
          "display: none;",
          "display:block",
          "clear: both;",
          "display: none; width: 0%;");

  /** {@code script-src} stays last: PrimeFaces appends the page's nonce to it. */
  public static final String POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-hashes' "
          + hashes(PRIMEFACES_INLINE_STYLES)
          + "; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
          + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
          + "script-src 'self'";

  public String getForPages() {
    return POLICY;
  }

  private static String hashes(List<String> styles) {
    return styles.stream()
        .map(style -> "'sha256-" + sha256(style) + "'")
        .collect(Collectors.joining(" "));
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }
}
