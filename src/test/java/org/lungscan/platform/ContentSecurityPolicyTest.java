package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Test
  void nothingInlineOrEvaluatedIsAllowedWholesale() {
    assertFalse(ContentSecurityPolicy.POLICY.contains("unsafe-inline"));
    assertFalse(ContentSecurityPolicy.POLICY.contains("unsafe-eval"));
  }

  @Test
  void scriptSrcIsLastSoThatPrimeFacesCanAppendTheNonce() {
    assertTrue(ContentSecurityPolicy.POLICY.endsWith("; script-src 'self'"));
  }

  @Test
  void theHiddenContainersOfPrimeFacesAreAllowedByTheHashOfTheirExactStyle() {
    // sha256 of "display:none", as Chromium reports it when it blocks the attribute
    assertTrue(
        ContentSecurityPolicy.POLICY.contains(
            "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='"));
    assertTrue(ContentSecurityPolicy.POLICY.contains("style-src 'self' 'unsafe-hashes' "));
  }
}
