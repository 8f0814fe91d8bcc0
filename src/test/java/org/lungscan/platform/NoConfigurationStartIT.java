package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.RunningServer;

/**
 * A hospital's first try: the WAR on a plain Payara Micro with no configuration at all. It must
 * become ready on the embedded database, kept under ./data of the directory it was started in.
 */
class NoConfigurationStartIT {

  @Test
  void startsReadyOnTheEmbeddedDatabaseWithNoConfiguration() throws Exception {
    Path directory = Path.of("target", "it-no-configuration").toAbsolutePath();
    RunningServer server =
        new RunningServer(directory, Integer.getInteger("it.noconfig.port", 18090), Map.of());
    try {
      Duration startToReady = server.start();
      System.out.println(
          "start-to-ready with no configuration: " + startToReady.toMillis() + " ms");

      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.uri("/health/ready")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode());
      assertTrue(ready.body().contains("\"status\":\"UP\""), ready.body());
      assertTrue(ready.body().contains("database"), ready.body());
      assertTrue(
          Files.exists(directory.resolve("data/db/lungscan.mv.db")),
          "the embedded database is a file under ./data");

      HttpResponse<String> live =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.uri("/health/live")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, live.statusCode());
    } finally {
      server.stop();
    }
  }
}
