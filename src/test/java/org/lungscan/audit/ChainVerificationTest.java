package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.platform.Migrations;
import org.lungscan.platform.UtcInstantConverter;

/**
 * The check walks a real trail (the migrations on an in-memory H2 in MySQL mode, events appended as
 * the application appends them) and names the first event changed or deleted.
 */
class ChainVerificationTest {

  private final JdbcDataSource database = new JdbcDataSource();
  private final Connection connection;

  ChainVerificationTest() throws SQLException {
    database.setURL(
        "jdbc:h2:mem:audit-"
            + UUID.randomUUID()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    database.setUser("lungscan");
    connection = database.getConnection();
  }

  @AfterEach
  void close() throws SQLException {
    execute("SHUTDOWN");
    connection.close();
  }

  @Test
  void anUntouchedTrailVerifies() throws Exception {
    Migrations.migrate(database);
    ChainVerification.Result empty = ChainVerification.of(connection);
    assertEquals(0, empty.events());
    assertTrue(empty.intact());

    appendEvents(5);
    ChainVerification.Result result = ChainVerification.of(connection);
    assertEquals(5, result.events());
    assertTrue(result.intact(), result::summary);
    assertNull(result.firstBrokenId());
    assertEquals(lastHash(), result.lastHash());
  }

  @Test
  void aChangedEventIsNamedAndRestoringItMendsTheChain() throws Exception {
    Migrations.migrate(database);
    appendEvents(5);
    execute("UPDATE audit_event SET resource_id = '999' WHERE id = 3");
    assertBrokenAt(3);
    execute("UPDATE audit_event SET resource_id = '3' WHERE id = 3");
    assertTrue(ChainVerification.of(connection).intact());

    execute("UPDATE audit_event SET occurred_at = '2020-01-01 00:00:00.000000' WHERE id = 2");
    assertBrokenAt(2);
  }

  @Test
  void aDeletedEventIsNamedWhereverItWas() throws Exception {
    Migrations.migrate(database);
    appendEvents(5);
    execute("DELETE FROM audit_event WHERE id = 3");
    assertBrokenAt(3);
    ChainVerification.Result result = ChainVerification.of(connection);
    assertEquals(4, result.events(), "the events still there are counted");

    execute("DELETE FROM audit_event WHERE id = 5");
    assertBrokenAt(3);
  }

  @Test
  void aDeletedTailOrARewrittenHeadIsNamed() throws Exception {
    Migrations.migrate(database);
    appendEvents(5);
    execute("DELETE FROM audit_event WHERE id >= 4");
    assertBrokenAt(4);

    execute("UPDATE audit_chain SET last_event_id = 3");
    assertBrokenAt(3);

    execute("DELETE FROM audit_chain");
    ChainVerification.Result headless = ChainVerification.of(connection);
    assertFalse(headless.intact());
  }

  @Test
  void eventsFromBeforeTheChainAreLeftOutAndTheGenesisCannotBeMoved() throws Exception {
    Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(database)
        .locations("classpath:db/migration")
        .target("2")
        .load()
        .migrate();
    for (int i = 0; i < 2; i++) {
      execute(
          "INSERT INTO audit_event (occurred_at, actor_email, action, outcome)"
              + " VALUES ('2026-01-01 00:00:00.000000', 'old@hospital.test', 'SIGN_IN', 'SUCCESS')");
    }
    Migrations.migrate(database);
    assertEquals(2, single("SELECT genesis_event_id FROM audit_chain"));
    appendEvents(3);
    assertEquals(3, single("SELECT MIN(id) FROM audit_event WHERE chain_hash IS NOT NULL"));
    ChainVerification.Result result = ChainVerification.of(connection);
    assertTrue(result.intact(), result::summary);
    assertEquals(3, result.events());

    execute("UPDATE audit_chain SET genesis_event_id = 3");
    assertBrokenAt(3);
    execute("UPDATE audit_chain SET genesis_event_id = 0");
    assertBrokenAt(1);
  }

  private void assertBrokenAt(long id) throws SQLException {
    ChainVerification.Result result = ChainVerification.of(connection);
    assertFalse(result.intact(), result::summary);
    assertEquals(id, result.firstBrokenId(), result::summary);
  }

  /** Appends as {@link AuditTrail} does: the head locked, the event chained, the head moved. */
  private void appendEvents(int count) throws SQLException {
    for (int i = 0; i < count; i++) {
      connection.setAutoCommit(false);
      long lastId;
      String lastHash;
      try (ResultSet head =
          connection
              .createStatement()
              .executeQuery("SELECT last_event_id, last_hash FROM audit_chain FOR UPDATE")) {
        head.next();
        lastId = head.getLong(1);
        lastHash = head.getString(2);
      }
      AuditEvent event =
          new AuditEvent(
              7L,
              "dr.chain@hospital.test",
              AuditAction.PATIENT_READ,
              "patient",
              Long.toString(lastId + 1),
              Outcome.SUCCESS,
              "192.0.2.1",
              40L + i,
              i % 2 == 0 ? null : "patient=" + (40 + i));
      String hash = event.chainAfter(lastId, lastHash);
      insert(event);
      try (PreparedStatement move =
          connection.prepareStatement("UPDATE audit_chain SET last_event_id = ?, last_hash = ?")) {
        move.setLong(1, event.getId());
        move.setString(2, hash);
        move.executeUpdate();
      }
      connection.commit();
      connection.setAutoCommit(true);
    }
  }

  private void insert(AuditEvent event) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_event (id, occurred_at, actor_id, actor_email, action, resource_type,"
                + " resource_id, outcome, client_address, patient_id, detail, chain_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, event.getId());
      insert.setObject(2, new UtcInstantConverter().convertToDatabaseColumn(event.getOccurredAt()));
      insert.setLong(3, event.getActorId());
      insert.setString(4, event.getActorEmail());
      insert.setString(5, event.getAction().name());
      insert.setString(6, event.getResourceType());
      insert.setString(7, event.getResourceId());
      insert.setString(8, event.getOutcome().name());
      insert.setString(9, event.getClientAddress());
      insert.setLong(10, event.getPatientId());
      insert.setString(11, event.getDetail());
      insert.setString(12, event.getChainHash());
      insert.executeUpdate();
    }
  }

  private String lastHash() throws SQLException {
    try (ResultSet rs =
        connection.createStatement().executeQuery("SELECT last_hash FROM audit_chain")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long single(String query) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
