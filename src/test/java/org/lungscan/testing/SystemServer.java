package org.lungscan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one server the system tests share: the WAR on Payara Micro against a fresh MariaDB database,
 * started on first use and stopped when the test JVM ends. Tests that restart or kill it leave it
 * running again for the next.
 */
public final class SystemServer {

  public static final String ADMIN_EMAIL = "admin@lungscan.test";
  public static final String ADMIN_PASSWORD = "Admin-password-for-tests-only";
  public static final int IDLE_TIMEOUT_SECONDS = 20;

  /** The loopback address that plays the hospital's reverse proxy (see {@link FromAddress}). */
  public static final String TRUSTED_PROXY = "127.0.0.2";

  /** Short, so that a test can see a sign-in wait end; longer than any two requests take. */
  public static final int SIGN_IN_FIRST_WAIT_SECONDS = 6;

  /** Shorter than by default, to keep the tests that fail on purpose quick. */
  public static final Duration SIGN_IN_LONGEST_DELAY = Duration.ofMillis(500);

  private static final TestDatabase DATABASE = new TestDatabase("lungscan_it_system");
  private static RunningServer server;

  private SystemServer() {}

  public static synchronized RunningServer get() {
    if (server == null) {
      DATABASE.recreate();
      server =
          new RunningServer(directory(), Integer.getInteger("it.http.port", 18080), environment())
              .withPreBootCommands(preBootCommands());
      try {
        System.out.println("system test server ready in " + server.start().toMillis() + " ms");
      } catch (Exception e) {
        throw new IllegalStateException("the system test server did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SystemServer::stop));
    }
    return server;
  }

  /**
   * The operator's pre-boot commands, and a listener that believes {@code X-Forwarded-Proto} as it
   * would behind the hospital's TLS proxy, so that tests can send "secure" requests over plain
   * HTTP.
   */
  private static Path preBootCommands() {
    try {
      Files.createDirectories(directory());
      Path file = directory().resolve("pre-boot-commands.asadmin");
      Files.writeString(
          file,
          Files.readString(Path.of("payara-config", "pre-boot-commands.asadmin"))
              + "\nset configs.config.server-config.network-config.protocols.protocol"
              + ".http-listener.http.scheme-mapping=X-Forwarded-Proto\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path directory() {
    return Path.of("target", "it-system").toAbsolutePath();
  }

  public static Path dataDirectory() {
    return directory().resolve("data");
  }

  public static TestDatabase database() {
    return DATABASE;
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("LUNGSCAN_DB_URL", DATABASE.url());
    env.put("LUNGSCAN_DB_USER", TestDatabase.user());
    env.put("LUNGSCAN_DB_PASSWORD", TestDatabase.password());
    env.put("LUNGSCAN_DATA_DIR", dataDirectory().toString());
    env.put("LUNGSCAN_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("LUNGSCAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // Open, so that every test may sign doctors up and in at once; the approval mode (the
    // default) and the first account's promotion are tested on the no-configuration server.
    env.put("LUNGSCAN_SIGNUP", "open");
    env.put("LUNGSCAN_SESSION_IDLE_TIMEOUT_SECONDS", Integer.toString(IDLE_TIMEOUT_SECONDS));
    env.put("LUNGSCAN_HTTP_TRUSTED_PROXIES", TRUSTED_PROXY);
    // every test class signs in from 127.0.0.1 and many try wrong passwords or codes on purpose:
    // together they passed the address's limit (its own test, SignInThrottleTest, needs no server)
    env.put("LUNGSCAN_SIGN_IN_FAILURES_PER_ADDRESS", "1000");
    env.put("LUNGSCAN_SIGN_IN_FIRST_WAIT_SECONDS", Integer.toString(SIGN_IN_FIRST_WAIT_SECONDS));
    env.put(
        "LUNGSCAN_SIGN_IN_LONGEST_DELAY_MILLIS", Long.toString(SIGN_IN_LONGEST_DELAY.toMillis()));
    return env;
  }

  private static void stop() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    DATABASE.drop();
  }
}
