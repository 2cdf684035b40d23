package dev.golive.probe.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One small read-only connection pool per distinct (url, user, password), shared by every probe that uses it and
 * closed when the last of them closes. Creating a pool does not connect. Thread-safe.
 */
final class SqlPools {
  static final int POOL_SIZE = 2;
  private static final Map<String, Entry> POOLS = new HashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private SqlPools() {}

  private static final class Entry {
    final HikariDataSource dataSource;
    int leases;

    Entry(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }
  }

  /** A hold on a shared pool; {@link #close()} once. */
  static final class Lease implements AutoCloseable {
    private final String key;
    private boolean closed;

    private Lease(String key) {
      this.key = key;
    }

    HikariDataSource dataSource() {
      synchronized (POOLS) {
        return POOLS.get(key).dataSource;
      }
    }

    @Override
    public void close() {
      HikariDataSource toClose = null;
      synchronized (POOLS) {
        if (closed) return;
        closed = true;
        Entry e = POOLS.get(key);
        if (--e.leases == 0) {
          POOLS.remove(key);
          toClose = e.dataSource;
        }
      }
      if (toClose != null) toClose.close();
    }
  }

  static Lease lease(SqlSpec spec, Duration connectTimeout) {
    String key = spec.url() + '\u0000' + spec.user() + '\u0000' + spec.password();
    synchronized (POOLS) {
      POOLS.computeIfAbsent(key, k -> new Entry(create(spec, connectTimeout))).leases++;
      return new Lease(key);
    }
  }

  static int open() {
    synchronized (POOLS) {
      return POOLS.size();
    }
  }

  private static HikariDataSource create(SqlSpec spec, Duration connectTimeout) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("golive-sql-" + NAMES.incrementAndGet());
    c.setJdbcUrl(spec.url());
    if (spec.user() != null) c.setUsername(spec.user());
    if (spec.password() != null) c.setPassword(spec.password());
    c.setReadOnly(true);
    c.setAutoCommit(false);
    c.setMaximumPoolSize(POOL_SIZE);
    c.setMinimumIdle(0);
    c.setIdleTimeout(Duration.ofMinutes(5).toMillis());
    c.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    c.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
    c.setValidationTimeout(Math.max(250, Math.min(5_000, connectTimeout.toMillis())));
    c.setInitializationFailTimeout(-1);
    if (spec.url().startsWith("jdbc:postgresql:")) {
      c.addDataSourceProperty("readOnlyMode", "always");
      c.addDataSourceProperty("ApplicationName", "golive");
      c.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
    }
    return new HikariDataSource(c);
  }
}
