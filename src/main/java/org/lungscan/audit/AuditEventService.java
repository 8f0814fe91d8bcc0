package org.lungscan.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.platform.Database;
import org.lungscan.platform.PageRequest;

/**
 * The administrators' reading of the trail: filtered pages, newest first, their total, and the
 * whole filtered trail for export. Every reading is itself recorded, with its filters.
 */
@ApplicationScoped
public class AuditEventService {

  /** Rows read at a time while exporting, so that an export of any size holds little memory. */
  static final int EXPORT_BATCH = 1000;

  private static final String COLUMNS =
      "id, occurred_at, actor_id, action, resource_type, resource_id, outcome, client_address";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource database;

  @Inject AuditTrail audit;
  @Inject Caller caller;

  /** One page of the events that match, newest first. */
  public List<AuditEntry> find(AuditQuery query, PageRequest page) {
    Where where = Where.of(query);
    List<AuditEntry> found =
        read(
            "SELECT "
                + COLUMNS
                + " FROM audit_event"
                + where.sql()
                + " ORDER BY id DESC LIMIT "
                + page.size()
                + " OFFSET "
                + page.offset(),
            where.parameters());
    audit.record(
        caller.actor(), AuditAction.AUDIT_LIST, "audit_event", null, ok(), query.describe());
    return found;
  }

  /** How many events match. */
  public long count(AuditQuery query) {
    Where where = Where.of(query);
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM audit_event" + where.sql())) {
      where.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the audit trail cannot be read", e);
    }
  }

  /**
   * Records the export of every matching event, then gives the way to read them: newest first, a
   * batch at a time, whenever the door writes them out.
   */
  public Export export(AuditQuery query) {
    audit.record(
        caller.actor(), AuditAction.AUDIT_EXPORT, "audit_event", null, ok(), query.describe());
    return each -> readAll(query, each);
  }

  /** The events of an export, handed out one at a time. */
  @FunctionalInterface
  public interface Export {
    void forEach(Consumer<AuditEntry> each);
  }

  private void readAll(AuditQuery query, Consumer<AuditEntry> each) {
    Long before = null;
    while (true) {
      Where where = Where.of(query).before(before);
      List<AuditEntry> batch =
          read(
              "SELECT "
                  + COLUMNS
                  + " FROM audit_event"
                  + where.sql()
                  + " ORDER BY id DESC LIMIT "
                  + EXPORT_BATCH,
              where.parameters());
      batch.forEach(each);
      if (batch.size() < EXPORT_BATCH) {
        return;
      }
      before = batch.get(batch.size() - 1).id();
    }
  }

  private static Outcome ok() {
    return Outcome.SUCCESS;
  }

  private List<AuditEntry> read(String sql, List<Object> parameters) {
    try (Connection c = database.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      new Where("", parameters).bind(s);
      List<AuditEntry> entries = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new AuditEntry(
                  rs.getLong(1),
                  rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                  (Long) rs.getObject(3, Long.class),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("the audit trail cannot be read", e);
    }
  }

  /** The query's filters as SQL conditions and their parameters, in order. */
  record Where(String sql, List<Object> parameters) {

    static Where of(AuditQuery query) {
      List<String> conditions = new ArrayList<>();
      List<Object> parameters = new ArrayList<>();
      if (query.days().startText() != null) {
        conditions.add("occurred_at >= ?");
        parameters.add(query.days().startText());
      }
      if (query.days().endText() != null) {
        conditions.add("occurred_at < ?");
        parameters.add(query.days().endText());
      }
      if (query.doctorId() != null) {
        conditions.add("actor_id = ?");
        parameters.add(query.doctorId());
      }
      if (query.action() != null) {
        conditions.add("action = ?");
        parameters.add(query.action().name());
      }
      return new Where(
          conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }

    Where before(Long id) {
      if (id == null) {
        return this;
      }
      List<Object> more = new ArrayList<>(parameters);
      more.add(id);
      return new Where((sql.isEmpty() ? " WHERE " : sql + " AND ") + "id < ?", more);
    }

    void bind(PreparedStatement s) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        s.setObject(i + 1, parameters.get(i));
      }
    }
  }
}
