package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and its schema has been migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness extends ReadinessCheck {

  @Inject Database database;

  private boolean isMigrated() {
    try {
      return database.isMigrated();
    } catch (RuntimeException stillStarting) {
      return false;
    }
  }

  @Override
  public HealthCheckResponse detailed() {
    var response = HealthCheckResponse.named("database");
    if (!isMigrated()) {
      return response.down().withData("detail", "schema not migrated yet").build();
    }
    try (Connection connection = database.dataSource().getConnection()) {
      boolean valid = connection.isValid(2);
      return response
          .status(valid)
          .withData("product", connection.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException e) {
      return response.down().withData("detail", "database not reachable").build();
    }
  }
}
