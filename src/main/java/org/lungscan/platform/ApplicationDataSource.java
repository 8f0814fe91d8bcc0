package org.lungscan.platform;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The connection source the application's pool draws from: MySQL when a database URL is configured,
 * otherwise the embedded H2 database kept in a file under the data directory.
 *
 * <p>The application server instantiates this class from {@link Database}'s data source definition
 * and sets its properties from configuration before the first connection is asked for.
 */
public class ApplicationDataSource implements DataSource {

  /** H2 in MySQL mode, so one set of migrations and one EclipseLink platform serve both. */
  static final String EMBEDDED_OPTIONS =
      ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  static final String NOT_SET = "none";

  private String databaseUrl = NOT_SET;
  private String databaseUser = "";
  private String databasePassword = "";
  private String dataDirectory = "./data";
  private DataSource delegate;

  public void setDatabaseUrl(String url) {
    this.databaseUrl = url;
  }

  public void setDatabaseUser(String user) {
    this.databaseUser = user;
  }

  public void setDatabasePassword(String password) {
    this.databasePassword = password;
  }

  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  public String getDatabaseUrl() {
    return databaseUrl;
  }

  public String getDatabaseUser() {
    return databaseUser;
  }

  public String getDataDirectory() {
    return dataDirectory;
  }

  /** The JDBC URL of the embedded database kept under a data directory. */
  public static String embeddedUrl(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().normalize().resolve("db").resolve("lungscan");
    return "jdbc:h2:file:" + file + EMBEDDED_OPTIONS;
  }

  public boolean isEmbedded() {
    return databaseUrl == null || databaseUrl.isBlank() || NOT_SET.equals(databaseUrl);
  }

  private synchronized DataSource delegate() {
    if (delegate == null) {
      delegate = isEmbedded() ? embedded() : mysql();
    }
    return delegate;
  }

  private DataSource embedded() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(embeddedUrl(Path.of(dataDirectory)));
    h2.setUser("lungscan");
    h2.setPassword("");
    return h2;
  }

  private DataSource mysql() {
    MysqlDataSource mysql = new MysqlDataSource();
    mysql.setURL(databaseUrl);
    mysql.setUser(databaseUser);
    mysql.setPassword(databasePassword);
    return mysql;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return delegate().getConnection(user, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return Logger.getLogger(ApplicationDataSource.class.getName());
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate().isWrapperFor(type);
  }
}
