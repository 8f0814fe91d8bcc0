package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.TestDatabase;

/**
 * The migrations bring an empty MariaDB database and an empty embedded one to the same tables,
 * columns, keys and indexes, and running them a second time changes nothing.
 */
class MigrationsIT {

  private static final TestDatabase MARIADB = new TestDatabase("lungscan_it_migrations");
  private static DataSource mariadb;
  private static DataSource embedded;

  @BeforeAll
  static void emptyDatabases() throws Exception {
    MARIADB.recreate();
    MysqlDataSource mysql = new MysqlDataSource();
    mysql.setURL(MARIADB.url());
    mysql.setUser(TestDatabase.user());
    mysql.setPassword(TestDatabase.password());
    mariadb = mysql;

    Path dataDirectory = Files.createTempDirectory("lungscan-migrations");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(ApplicationDataSource.embeddedUrl(dataDirectory));
    h2.setUser("lungscan");
    embedded = h2;
  }

  @AfterAll
  static void dropDatabase() {
    MARIADB.drop();
  }

  @Test
  void bothDatabasesEndUpWithTheSameSchemaAndASecondRunChangesNothing() throws Exception {
    assertTrue(Migrations.migrate(mariadb) > 0, "an empty MariaDB database gets migrated");
    assertTrue(Migrations.migrate(embedded) > 0, "an empty embedded database gets migrated");

    String onMariadb = schemaOf(mariadb);
    String onEmbedded = schemaOf(embedded);
    for (String table :
        Set.of(
            "doctor",
            "patient",
            "lung_scan",
            "prediction",
            "prediction_probability",
            "audit_event")) {
      assertTrue(
          onMariadb.contains("table " + table + "\n"), () -> table + " missing from\n" + onMariadb);
    }
    Files.writeString(Path.of("target", "schema-mariadb.txt"), onMariadb);
    Files.writeString(Path.of("target", "schema-embedded.txt"), onEmbedded);
    assertEquals(
        onMariadb, onEmbedded, "see target/schema-mariadb.txt and target/schema-embedded.txt");

    assertEquals(0, Migrations.migrate(mariadb));
    assertEquals(0, Migrations.migrate(embedded));
    assertEquals(onMariadb, schemaOf(mariadb));
    assertEquals(onEmbedded, schemaOf(embedded));
  }

  @Test
  void afterAnUpgradeEmailsAreComparedExactlyOnBothDatabases() throws Exception {
    TestDatabase upgraded = new TestDatabase("lungscan_it_migrations_email").recreate();
    try {
      MysqlDataSource mysql = new MysqlDataSource();
      mysql.setURL(upgraded.url());
      mysql.setUser(TestDatabase.user());
      mysql.setPassword(TestDatabase.password());
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(ApplicationDataSource.embeddedUrl(Files.createTempDirectory("lungscan-email")));
      h2.setUser("lungscan");
      for (DataSource database : List.of(mysql, h2)) {
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(database)
            .locations("classpath:db/migration")
            .target("2")
            .load()
            .migrate();
        insertDoctor(database, "alice@hospital.test");
        assertEquals(
            database == mysql ? List.of("alice@hospital.test") : List.of(),
            emailsMatching(database, "alic\u00e9@hospital.test"),
            "before: MariaDB's collation ignores the accent, H2 compares exactly");
        assertTrue(Migrations.migrate(database) > 0);

        insertDoctor(database, "alic\u00e9@hospital.test");
        assertEquals(
            List.of("alice@hospital.test"), emailsMatching(database, "alice@hospital.test"));
        assertEquals(
            List.of("alic\u00e9@hospital.test"),
            emailsMatching(database, "alic\u00e9@hospital.test"));
        assertEquals(List.of(), emailsMatching(database, "ALICE@hospital.test"));
        assertThrows(
            SQLException.class,
            () -> insertDoctor(database, "alice@hospital.test"),
            "still unique");
      }
    } finally {
      upgraded.drop();
    }
  }

  private static void insertDoctor(DataSource database, String email) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO doctor (name, email, password_hash, role, created_at)"
                    + " VALUES ('Dr. Alice', ?, 'x', 'DOCTOR', CURRENT_TIMESTAMP)")) {
      insert.setString(1, email);
      insert.executeUpdate();
    }
  }

  private static List<String> emailsMatching(DataSource database, String email)
      throws SQLException {
    List<String> emails = new ArrayList<>();
    try (Connection c = database.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT email FROM doctor WHERE email = ? ORDER BY id")) {
      select.setString(1, email);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          emails.add(rs.getString(1));
        }
      }
    }
    return emails;
  }

  /** A vendor-neutral description of the application's tables, from JDBC metadata. */
  private static String schemaOf(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      String catalog = c.getCatalog();
      String schema = meta.getDatabaseProductName().contains("H2") ? "public" : null;
      StringBuilder out = new StringBuilder();
      for (String table : tables(meta, catalog, schema)) {
        out.append("table ").append(table).append('\n');
        columns(meta, catalog, schema, table, out);
        foreignKeys(meta, catalog, schema, table, out);
        indexes(meta, catalog, schema, table, out);
      }
      return out.toString();
    }
  }

  private static Set<String> tables(DatabaseMetaData meta, String catalog, String schema)
      throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (ResultSet rs =
        meta.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase();
        if (!name.equals("flyway_schema_history")) {
          tables.add(name);
        }
      }
    }
    return tables;
  }

  /**
   * The same column type as both drivers report it: MariaDB's driver calls a BOOLEAN (tinyint(1)) a
   * BIT and a TEXT a LONGVARCHAR, where H2 says BOOLEAN and a VARCHAR of a billion characters.
   */
  private static String sameOnBoth(int type, int size, boolean sized) {
    if (type == java.sql.Types.BIT || type == java.sql.Types.BOOLEAN) {
      return "boolean";
    }
    if (type == java.sql.Types.LONGVARCHAR || (type == java.sql.Types.VARCHAR && size >= 1 << 24)) {
      return "text";
    }
    return type + (sized ? "(" + size + ")" : "");
  }

  private static void columns(
      DatabaseMetaData meta, String catalog, String schema, String table, StringBuilder out)
      throws SQLException {
    var columns = new TreeMap<String, String>();
    try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
      while (rs.next()) {
        int type = rs.getInt("DATA_TYPE");
        int size = rs.getInt("COLUMN_SIZE");
        boolean sized = type == java.sql.Types.VARCHAR || type == java.sql.Types.CHAR;
        columns.put(
            rs.getString("COLUMN_NAME").toLowerCase(),
            "type "
                + sameOnBoth(type, size, sized)
                + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                    ? " not null"
                    : " null"));
      }
    }
    columns.forEach(
        (name, description) ->
            out.append("  column ").append(name).append(' ').append(description).append('\n'));
  }

  private static void foreignKeys(
      DatabaseMetaData meta, String catalog, String schema, String table, StringBuilder out)
      throws SQLException {
    var keys = new TreeSet<String>();
    try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
      while (rs.next()) {
        keys.add(
            "  foreign key "
                + rs.getString("FKCOLUMN_NAME").toLowerCase()
                + " -> "
                + rs.getString("PKTABLE_NAME").toLowerCase()
                + "."
                + rs.getString("PKCOLUMN_NAME").toLowerCase()
                + (rs.getInt("DELETE_RULE") == DatabaseMetaData.importedKeyCascade
                    ? " on delete cascade"
                    : ""));
      }
    }
    keys.forEach(key -> out.append(key).append('\n'));
  }

  private static void indexes(
      DatabaseMetaData meta, String catalog, String schema, String table, StringBuilder out)
      throws SQLException {
    var indexes = new TreeMap<String, String>();
    try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME");
        if (column == null) {
          continue;
        }
        String key =
            (rs.getBoolean("NON_UNIQUE") ? "index " : "unique ")
                + rs.getString("INDEX_NAME").toLowerCase();
        indexes.merge(key, column.toLowerCase(), (a, b) -> a + "," + b);
      }
    }
    // H2 adds its own index for a foreign key that MySQL serves with a longer index starting with
    // the same column: one that is a prefix of another means the same to a query, so it is left
    // out.
    indexes.values().stream()
        .filter(
            columns ->
                indexes.values().stream().noneMatch(other -> other.startsWith(columns + ",")))
        .sorted()
        .forEach(columns -> out.append("  indexed ").append(columns).append('\n'));
    indexes.entrySet().stream()
        .filter(e -> e.getKey().startsWith("unique"))
        .map(e -> "  unique " + e.getValue())
        .sorted()
        .forEach(u -> out.append(u).append('\n'));
  }
}
