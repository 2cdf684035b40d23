package dev.golive.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A replica's pool whose connections carry its current {@link FencingTokens}: at checkout, a connection whose copy is
 * older than the tokens' version gets the new map ({@code golive.tokens}, session-wide, in its own autocommit
 * statement); an up-to-date one costs nothing. Versions are tracked per physical connection (weakly: a connection
 * the pool retires is forgotten). Thread-safe like the pool.
 */
final class FencedDataSource implements DataSource {
  private final DataSource pool;
  private final FencingTokens tokens;
  private final Map<Connection, Long> sent = Collections.synchronizedMap(new WeakHashMap<>());

  FencedDataSource(DataSource pool, FencingTokens tokens) {
    this.pool = pool;
    this.tokens = tokens;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return carry(pool.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return carry(pool.getConnection(username, password));
  }

  private Connection carry(Connection c) throws SQLException {
    try {
      Connection physical = c.unwrap(Connection.class);
      FencingTokens.Snapshot now = tokens.snapshot();
      Long had = sent.get(physical);
      if (had != null && had == now.version()) return c;
      try (PreparedStatement s = c.prepareStatement("select set_config('golive.tokens', ?, false)")) {
        s.setString(1, now.json());
        s.execute();
      }
      if (!c.getAutoCommit()) c.commit();
      sent.put(physical, now.version());
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }
}
