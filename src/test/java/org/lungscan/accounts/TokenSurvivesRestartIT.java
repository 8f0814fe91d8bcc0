package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lungscan.testing.Api;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.SystemServer;

/**
 * A token issued before a restart is still accepted after it: the key is kept in the data
 * directory.
 */
class TokenSurvivesRestartIT {

  @Test
  void aTokenIssuedBeforeARestartIsAcceptedAfterIt() throws Exception {
    Api api = Api.onSystemServer();
    Api.Doctor doctor = api.newDoctor("Dr. Restart");
    assertEquals(200, api.get("/api/auth/me", doctor.token()).status());

    RunningServer server = SystemServer.get();
    server.stop();
    server.start();

    assertEquals(200, api.get("/api/auth/me", doctor.token()).status());
  }
}
