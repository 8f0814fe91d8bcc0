package org.lungscan.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** One event of the system server's audit trail, read straight from its database. */
public record AuditRow(
    String action,
    String resourceType,
    String resourceId,
    String outcome,
    long actorId,
    String clientAddress,
    Timestamp occurredAt) {

  /** "ACTION type resource_id outcome", the form the tests compare. */
  public String line() {
    return String.join(" ", action, resourceType, resourceId, outcome);
  }

  /** The events recorded under the account's email, oldest first. */
  public static List<AuditRow> of(String actorEmail) throws SQLException {
    List<AuditRow> rows = new ArrayList<>();
    try (Connection c = SystemServer.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT action, resource_type, resource_id, outcome, actor_id, client_address,"
                    + " occurred_at FROM audit_event WHERE actor_email = ? ORDER BY id")) {
      s.setString(1, actorEmail);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new AuditRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getTimestamp(7)));
        }
      }
    }
    return rows;
  }
}
