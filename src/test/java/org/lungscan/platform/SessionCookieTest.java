package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionCookieTest {

  @Test
  void servedOnlyOverHttpsTheCookieIsHostPrefixedAndAlwaysSecure() {
    SessionCookie.Rule rule = SessionCookie.ruleFor(true);
    assertEquals("__Host-LUNGSCAN_SESSION", rule.name());
    assertTrue(rule.alwaysSecure(), "a __Host- cookie without Secure is dropped by browsers");
  }

  @Test
  void otherwiseItKeepsItsNameAndIsSecureOnlyWhenTheRequestIs() {
    SessionCookie.Rule rule = SessionCookie.ruleFor(false);
    assertEquals("LUNGSCAN_SESSION", rule.name());
    assertFalse(rule.alwaysSecure(), "glassfish-web.xml's dynamic cookieSecure decides");
  }
}
