package org.lungscan.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's database: defined here from configuration and brought to the current schema at
 * startup. The server reads these placeholders at deploy time, before the WAR's
 * META-INF/microprofile-config.properties is visible, so their defaults are the one set written
 * inline (the README's table lists them with the others).
 */
@DataSourceDefinition(
    name = Database.JNDI_NAME,
    className = "org.lungscan.platform.ApplicationDataSource",
    minPoolSize = 1,
    maxPoolSize = 32,
    properties = {
      "databaseUrl=${MPCONFIG=lungscan.db.url:none}",
      "databaseUser=${MPCONFIG=lungscan.db.user:}",
      "databasePassword=${MPCONFIG=lungscan.db.password:}",
      "dataDirectory=${MPCONFIG=lungscan.data.dir:./data}"
    })
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Database {

  public static final String JNDI_NAME = "java:app/jdbc/lungscan";
  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  @Resource(lookup = JNDI_NAME)
  private DataSource dataSource;

  private volatile boolean migrated;

  @PostConstruct
  void migrate() {
    int applied = Migrations.migrate(dataSource);
    migrated = true;
    LOG.info(() -> "Database schema is current; migrations applied now: " + applied);
  }

  public boolean isMigrated() {
    return migrated;
  }

  public DataSource dataSource() {
    return dataSource;
  }
}
