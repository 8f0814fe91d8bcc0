package org.lungscan.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A MariaDB/MySQL database on the test machine that a test creates and drops. */
public final class TestDatabase {

  private final String name;

  /** {@code it.db.suffix} keeps the databases of two test runs on one MariaDB apart. */
  public TestDatabase(String name) {
    this.name = name + System.getProperty("it.db.suffix", "");
  }

  public static String host() {
    return System.getProperty("it.db.host", "127.0.0.1");
  }

  public static String port() {
    return System.getProperty("it.db.port", "3306");
  }

  public static String user() {
    return System.getProperty("it.db.user", "root");
  }

  public static String password() {
    return System.getProperty("it.db.password", "");
  }

  public String name() {
    return name;
  }

  public String url() {
    return "jdbc:mysql://" + host() + ":" + port() + "/" + name;
  }

  public TestDatabase recreate() {
    executeOnServer("DROP DATABASE IF EXISTS `" + name + "`");
    executeOnServer(
        "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return this;
  }

  public void drop() {
    executeOnServer("DROP DATABASE IF EXISTS `" + name + "`");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  private static void executeOnServer(String sql) {
    String serverUrl = "jdbc:mysql://" + host() + ":" + port() + "/";
    try (Connection c = DriverManager.getConnection(serverUrl, user(), password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB at " + serverUrl + " refused: " + sql, e);
    }
  }
}
