package dev.lexecon.ledger.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * The real database servers on this machine. {@link #require()} returns working connection
 * settings, or skips the test with instructions to start the server, or, when {@code CI=true},
 * fails it: CI must never go green by skipping the database tests.
 */
enum TestDatabase {
  POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", List.of("postgres", "root"),
      "?connectTimeout=5&socketTimeout=120",
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
  MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", List.of("root"),
      "?connectTimeout=5000&socketTimeout=120000",
      "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

  /** Unique per test run, so parallel runs and leftovers of killed runs never collide. */
  static final String RUN = "lx" + Long.toString(Math.abs(new Random().nextLong()) % 2_176_782_336L, 36) + "_";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Map<TestDatabase, Object> PROBES = new ConcurrentHashMap<>();

  final String label;
  private final String url;
  private final List<String> users;
  private final String options;
  private final String startCommand;

  TestDatabase(String label, String url, List<String> users, String options, String startCommand) {
    this.label = label;
    this.url = url;
    this.users = users;
    this.options = options;
    this.startCommand = startCommand;
  }

  /** Connection settings that work; a login is {@code url, user, password}. */
  record Login(String url, String user, String password) {
    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    HikariDataSource pool(int size) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setMaximumPoolSize(size);
      config.setMinimumIdle(1);
      return new HikariDataSource(config);
    }
  }

  /** This server's login, or skips (fails under CI=true) when the server is not reachable. */
  Login require() {
    Object probe = PROBES.computeIfAbsent(this, TestDatabase::probe);
    if (probe instanceof Login login) {
      return login;
    }
    String message = label + " is not reachable at " + url + " (" + probe + "). Start it with: " + startCommand;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private Object probe() {
    List<String> errors = new ArrayList<>();
    for (String user : users) {
      try (Connection c = DriverManager.getConnection(url + options, user, "")) {
        if (c.isValid(5)) {
          return new Login(url + options, user, "");
        }
        errors.add(user + ": connection not valid");
      } catch (SQLException e) {
        errors.add(user + ": " + e.getMessage());
      }
    }
    return String.join("; ", errors);
  }

  /** A table prefix no other test or run uses. */
  static String uniquePrefix() {
    return RUN + NAMES.incrementAndGet() + "_";
  }

  /** Drops every table whose name starts with {@code prefix} (in the default schema). */
  void dropTables(Login login, String prefix) throws SQLException {
    String schema = this == POSTGRESQL ? "current_schema()" : "database()";
    List<String> names = new ArrayList<>();
    try (Connection c = login.connect(); Statement st = c.createStatement()) {
      try (var rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
          + schema + " AND table_name LIKE '" + prefix.replace("_", "\\_") + "%'")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        st.execute("DROP TABLE IF EXISTS " + name.toLowerCase(Locale.ROOT));
      }
    }
  }
}
