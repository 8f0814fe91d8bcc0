package org.lungscan.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Walks the audit trail's hash chain in the database, over plain JDBC (the server's admin endpoint
 * and the {@code audit-check} command both use it), and reports the first event that was changed or
 * deleted.
 *
 * <p>Every event after the genesis carries the next id (ids have no gaps) and a hash over its
 * fields and the previous event's hash; the chain's head row holds the last id and hash. An event
 * changed in place breaks its own hash; a deleted one leaves its id missing; a deleted tail leaves
 * the head pointing past the last event; an event at or before the genesis that carries a hash
 * means the genesis was moved. The walk reads up to the head it saw first, so events appended
 * meanwhile are left for the next check.
 */
public final class ChainVerification {

  private static final int BATCH = 1000;

  private ChainVerification() {}

  /** The outcome of a check, with the head's hash for keeping elsewhere. */
  public record Result(long events, boolean intact, Long firstBrokenId, String lastHash) {

    /** One line for a log or a terminal. */
    public String summary() {
      return "events="
          + events
          + " intact="
          + intact
          + " first_broken_id="
          + (firstBrokenId == null ? "none" : firstBrokenId)
          + " last_hash="
          + lastHash;
    }
  }

  private record Head(long genesisEventId, long lastEventId, String lastHash) {}

  /** Checks the whole chain as it stands now. */
  public static Result of(Connection connection) throws SQLException {
    Head head = head(connection);
    if (head == null) {
      return new Result(0, false, null, null);
    }
    Long movedGenesis = hashedBeforeGenesis(connection, head.genesisEventId());
    Walk walk = new Walk(head.genesisEventId());
    long after = head.genesisEventId();
    while (after < head.lastEventId()) {
      after = walk.batch(connection, after, head.lastEventId());
      if (after < 0) {
        break;
      }
    }
    Long broken = movedGenesis != null ? movedGenesis : walk.end(head);
    return new Result(walk.events, broken == null, broken, head.lastHash());
  }

  private static Head head(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT genesis_event_id, last_event_id, last_hash FROM audit_chain WHERE id = ?");
        ResultSet row = execute(select, AuditChainHead.ROW)) {
      return row.next() ? new Head(row.getLong(1), row.getLong(2), row.getString(3)) : null;
    }
  }

  private static Long hashedBeforeGenesis(Connection connection, long genesisEventId)
      throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT MIN(id) FROM audit_event WHERE id <= ? AND chain_hash IS NOT NULL");
        ResultSet row = execute(select, genesisEventId)) {
      row.next();
      return row.getObject(1, Long.class);
    }
  }

  private static ResultSet execute(PreparedStatement statement, long parameter)
      throws SQLException {
    statement.setLong(1, parameter);
    return statement.executeQuery();
  }

  /** The walk along the chain: where it is, and where it first broke. */
  private static final class Walk {
    private long events;
    private long expectedId;
    private String previousHash = ChainLink.GENESIS;
    private Long broken;

    Walk(long genesisEventId) {
      expectedId = genesisEventId + 1;
    }

    /**
     * Checks events after {@code after} up to the head; returns the last id read, or -1 at the end.
     */
    long batch(Connection connection, long after, long lastEventId) throws SQLException {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT id, occurred_at, actor_id, actor_email, action, resource_type, resource_id,"
                  + " outcome, client_address, patient_id, detail, chain_hash FROM audit_event"
                  + " WHERE id > ? AND id <= ? ORDER BY id LIMIT "
                  + BATCH)) {
        select.setLong(1, after);
        select.setLong(2, lastEventId);
        long last = -1;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            last = rows.getLong(1);
            check(linkOf(rows), rows.getString(12));
          }
        }
        return last;
      }
    }

    private void check(ChainLink link, String storedHash) {
      events++;
      if (broken != null) {
        return;
      }
      if (link.id() != expectedId) {
        broken = expectedId;
      } else if (!link.hash(previousHash).equals(storedHash)) {
        broken = link.id();
      }
      previousHash = storedHash;
      expectedId++;
    }

    /** The first broken id, also when the chain's end does not meet its head. */
    Long end(Head head) {
      if (broken != null) {
        return broken;
      }
      long lastSeen = expectedId - 1;
      if (lastSeen < head.lastEventId()) {
        return lastSeen + 1;
      }
      return Objects.equals(previousHash, head.lastHash()) ? null : head.lastEventId();
    }
  }

  private static ChainLink linkOf(ResultSet row) throws SQLException {
    return new ChainLink(
        row.getLong(1),
        row.getObject(2, LocalDateTime.class),
        row.getObject(3, Long.class),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getString(9),
        row.getObject(10, Long.class),
        row.getString(11));
  }
}
