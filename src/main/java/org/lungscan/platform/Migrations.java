package org.lungscan.platform;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The versioned schema migrations in {@code db/migration}, the same for MySQL and H2. */
public final class Migrations {

  private Migrations() {}

  /** Brings the database to the latest schema version; returns how many migrations ran now. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
