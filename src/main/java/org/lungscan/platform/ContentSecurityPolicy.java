package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The Content-Security-Policy: nothing inline, nothing evaluated, nothing from elsewhere, never
 * framed. {@link SecurityHeaders} sends it with every response but pages; PrimeFaces sends it with
 * pages (web.xml's {@code primefaces.CSP_POLICY} reads {@code #{contentSecurityPolicy.forPages}}),
 * adding a fresh nonce for its own scripts to the last directive.
 */
@Named("contentSecurityPolicy")
@ApplicationScoped
public class ContentSecurityPolicy {

  /** {@code script-src} stays last: PrimeFaces appends the page's nonce to it. */
  public static final String POLICY =
      "default-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
          + "frame-ancestors 'none'; script-src 'self'";

  public String getForPages() {
    return POLICY;
  }
}
