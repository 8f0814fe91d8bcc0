package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignUpModeTest {

  @Test
  void eachModeGivesNewAccountsTheirStatus() {
    assertEquals(AccountStatus.PENDING, SignUpMode.APPROVAL.statusOfNewAccount(false));
    assertEquals(AccountStatus.ACTIVE, SignUpMode.OPEN.statusOfNewAccount(false));
    assertTrue(SignUpMode.APPROVAL.allowsSignUp(false));
    assertTrue(SignUpMode.OPEN.allowsSignUp(false));
    assertFalse(SignUpMode.CLOSED.allowsSignUp(false));
  }

  @Test
  void theFirstAdministratorIsActiveInEveryMode() {
    for (SignUpMode mode : SignUpMode.values()) {
      assertTrue(mode.allowsSignUp(true), mode::name);
      assertEquals(AccountStatus.ACTIVE, mode.statusOfNewAccount(true), mode::name);
    }
  }

  @Test
  void theSettingIsReadInAnyCaseAndAnythingElseRefused() {
    assertEquals(SignUpMode.APPROVAL, SignUpMode.of(" Approval "));
    assertEquals(SignUpMode.CLOSED, SignUpMode.of("CLOSED"));
    assertThrows(IllegalArgumentException.class, () -> SignUpMode.of("invite-only"));
  }
}
