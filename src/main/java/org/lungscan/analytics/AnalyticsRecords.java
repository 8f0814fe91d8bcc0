package org.lungscan.analytics;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.lungscan.platform.Database;
import org.lungscan.platform.DayRange;

/**
 * Read-only aggregate queries over the hospital's tables, each bounded by the period on an indexed
 * time column. Only counts, labels, model versions and times are read; never a name, an email or an
 * id.
 */
@ApplicationScoped
public class AnalyticsRecords {

  @Resource(lookup = Database.JNDI_NAME)
  DataSource database;

  long patientsAdded(DayRange days) {
    return single("SELECT COUNT(*) FROM patient WHERE created_at >= ? AND created_at < ?", days);
  }

  Map<LocalDate, Long> scansByDay(DayRange days) {
    return byDay("lung_scan", "uploaded_at", days);
  }

  Map<LocalDate, Long> predictionsByDay(DayRange days) {
    return byDay("prediction", "predicted_at", days);
  }

  Map<String, Long> predictedClasses(DayRange days) {
    return counts(
        "SELECT predicted_class, COUNT(*) FROM prediction"
            + " WHERE predicted_at >= ? AND predicted_at < ? GROUP BY predicted_class",
        days,
        new TreeMap<>());
  }

  /** Predictions per model, keyed by name and version. */
  List<ModelCount> predictionsByModel(DayRange days) {
    String sql =
        "SELECT model_name, model_version, COUNT(*) FROM prediction"
            + " WHERE predicted_at >= ? AND predicted_at < ?"
            + " GROUP BY model_name, model_version ORDER BY model_name, model_version";
    return query(
        sql,
        days,
        rs -> {
          List<ModelCount> models = new ArrayList<>();
          while (rs.next()) {
            models.add(new ModelCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
          }
          return models;
        });
  }

  /**
   * The inference time at the nearest rank of each fraction (0.5, 0.95) among the period's
   * predictions, or null when there are none; read one row per rank, not the whole column.
   */
  Double inferenceTime(DayRange days, long predictions, double fraction) {
    if (predictions == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * predictions));
    return query(
        "SELECT inference_ms FROM prediction WHERE predicted_at >= ? AND predicted_at < ?"
            + " ORDER BY inference_ms LIMIT 1 OFFSET "
            + (rank - 1),
        days,
        rs -> rs.next() ? rs.getDouble(1) : null);
  }

  private Map<LocalDate, Long> byDay(String table, String column, DayRange days) {
    String day = "CAST(" + column + " AS DATE)";
    return query(
        "SELECT "
            + day
            + ", COUNT(*) FROM "
            + table
            + " WHERE "
            + column
            + " >= ? AND "
            + column
            + " < ? GROUP BY "
            + day,
        days,
        rs -> {
          Map<LocalDate, Long> counts = new TreeMap<>();
          while (rs.next()) {
            counts.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
          }
          return counts;
        });
  }

  private long single(String sql, DayRange days) {
    return query(sql, days, rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  private Map<String, Long> counts(String sql, DayRange days, Map<String, Long> counts) {
    return query(
        sql,
        days,
        rs -> {
          while (rs.next()) {
            counts.put(rs.getString(1), rs.getLong(2));
          }
          return counts;
        });
  }

  private <T> T query(String sql, DayRange days, Rows<T> rows) {
    try (Connection c = database.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, days.startText());
      s.setString(2, days.endText());
      try (ResultSet rs = s.executeQuery()) {
        return rows.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the hospital's figures cannot be read", e);
    }
  }

  /** Reads a result. */
  @FunctionalInterface
  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** How many predictions one model version made. */
  record ModelCount(String name, String version, long predictions) {}
}
