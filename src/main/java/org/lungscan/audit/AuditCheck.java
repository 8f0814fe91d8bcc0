package org.lungscan.audit;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.lungscan.platform.ApplicationDataSource;

/**
 * The audit trail's check from a terminal, without the server: {@code mvn -q -Paudit-check}. Reads
 * the same settings as the server ({@code lungscan.db.url}, {@code lungscan.db.user}, {@code
 * lungscan.db.password}, {@code lungscan.data.dir}, as system properties or their environment
 * variables); without a database URL it checks the embedded database, which only one process may
 * open: stop the server first. Prints one line, {@code events=N intact=true|false
 * first_broken_id=ID|none last_hash=H}, and exits 0 when the trail is intact, 1 when it is not, 2
 * when it cannot be read.
 */
public final class AuditCheck {

  private AuditCheck() {}

  public static void main(String[] args) {
    System.exit(run(System.getProperties(), System.getenv(), System.out));
  }

  /** Runs the check with these settings; returns the exit code. */
  public static int run(Map<?, ?> properties, Map<String, String> environment, PrintStream out) {
    Settings settings = new Settings(properties, environment);
    ApplicationDataSource database = new ApplicationDataSource();
    settings.value("lungscan.db.url").ifPresent(database::setDatabaseUrl);
    settings.value("lungscan.db.user").ifPresent(database::setDatabaseUser);
    settings.value("lungscan.db.password").ifPresent(database::setDatabasePassword);
    settings.value("lungscan.data.dir").ifPresent(database::setDataDirectory);
    try (Connection connection = database.getConnection()) {
      ChainVerification.Result result = ChainVerification.of(connection);
      out.println(result.summary());
      return result.intact() ? 0 : 1;
    } catch (SQLException e) {
      out.println("check_failed=" + e.getMessage());
      return 2;
    }
  }

  /** A setting from a system property, else its environment variable (LUNGSCAN_DB_URL, ...). */
  private record Settings(Map<?, ?> properties, Map<String, String> environment) {
    Optional<String> value(String name) {
      Object property = properties.get(name);
      String text =
          property != null
              ? property.toString()
              : environment.get(name.toUpperCase().replace('.', '_').replace('-', '_'));
      return Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty());
    }
  }
}
