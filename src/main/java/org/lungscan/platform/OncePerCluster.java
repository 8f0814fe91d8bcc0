package org.lungscan.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lets a scheduled job run once per cluster although every instance's timer fires: the first
 * instance to claim a run (a row keyed by the job and its due time) runs it, the others see the
 * claim and skip. Timers fire within seconds of each other, so the due time is the firing time
 * rounded to the nearest minute: jobs scheduled at most once a minute, on clocks that agree within
 * half a minute (NTP).
 */
@ApplicationScoped
public class OncePerCluster {

  private static final Logger LOG = Logger.getLogger(OncePerCluster.class.getName());

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** Whether this instance runs the job due about now; false when another one claimed it. */
  public boolean claim(String job, Instant firedAt, String instance) {
    Instant due = firedAt.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO scheduled_run (job, due_at, instance, started_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, job);
      insert.setTimestamp(2, Timestamp.valueOf(LocalDateTime.ofInstant(due, ZoneOffset.UTC)));
      insert.setString(3, instance.substring(0, Math.min(200, instance.length())));
      insert.setTimestamp(
          4, Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC)));
      insert.executeUpdate();
      return true;
    } catch (SQLIntegrityConstraintViolationException claimedElsewhere) {
      LOG.info(() -> job + " due " + due + ": run by another instance");
      return false;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false;
      }
      throw new IllegalStateException("cannot claim " + job + " due " + due, e);
    }
  }
}
