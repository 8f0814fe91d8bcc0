package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageSessionLifetimeTest {

  @Test
  void aSessionOutlivesItsAbsoluteLifetimeHoweverBusy() {
    var fresh = new SignInMechanism.SignedIn(1, "a@b.test", List.of("doctor"), 0, Instant.now());
    var old =
        new SignInMechanism.SignedIn(
            1, "a@b.test", List.of("doctor"), 0, Instant.now().minusSeconds(43201));
    assertFalse(fresh.outlived(43200));
    assertTrue(old.outlived(43200));
  }

  @Test
  void theSecretIsShownInGroupsOfFour() {
    assertEquals("ABCD EFGH IJ", AccountView.groupsOfFour("ABCDEFGHIJ"));
    assertEquals("ABCD EFGH", AccountView.groupsOfFour("ABCDEFGH"));
  }
}
