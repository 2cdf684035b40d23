package dev.golive.probe.http;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientConnection;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The idle keep-alive connections of one event loop, by origin: a run with {@code keep-alive: true} takes one (or
 * opens its own, so its connect and TLS handshake are timed), and gives it back after a complete response. Nothing
 * ever waits for a connection: a run that finds none opens one. At most {@value #MAX_IDLE_PER_ORIGIN} idle connections
 * per origin and loop are kept, each for at most {@link #IDLE_MS}; one the server closed leaves at once. One instance
 * per event-loop thread, used from that thread only (a connection's handlers run on the loop that opened it, which is
 * the loop of every run that takes it).
 */
final class IdleConnections {
  static final int MAX_IDLE_PER_ORIGIN = 8;
  /** How long an idle connection is kept: below the keep-alive timeouts of common servers (nginx 75 s). */
  static final long IDLE_MS = 30_000;
  private static final FastThreadLocal<IdleConnections> PER_LOOP = new FastThreadLocal<>();

  private final Vertx vertx;
  private final Map<Origin, ArrayDeque<Idle>> idle = new HashMap<>();

  /**
   * Where a connection goes and how it was made: the client (its TLS trust, client certificate and options), the
   * scheme, the address connected to and the name presented (SNI, Host). Only an equal origin reuses a connection.
   */
  record Origin(Object client, boolean https, String host, int port, String server) {}

  private final class Idle {
    final Origin origin;
    final HttpClientConnection connection;
    final long timer;
    boolean gone;

    Idle(Origin origin, HttpClientConnection connection) {
      this.origin = origin;
      this.connection = connection;
      this.timer = vertx.setTimer(IDLE_MS, t -> {
        if (remove(this)) connection.close();
      });
      connection.closeHandler(v -> {
        gone = true;
        remove(this);
      });
    }
  }

  private IdleConnections(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The idle connections of the event loop this is called on. */
  static IdleConnections ofThisLoop(Vertx vertx) {
    IdleConnections c = PER_LOOP.get();
    if (c == null) {
      c = new IdleConnections(vertx);
      PER_LOOP.set(c);
    }
    return c;
  }

  /** An idle connection to {@code origin}, now the caller's; null when there is none. */
  HttpClientConnection take(Origin origin) {
    ArrayDeque<Idle> q = idle.get(origin);
    while (q != null && !q.isEmpty()) {
      Idle i = q.pollLast(); // the most recently used: the least likely to have been closed by the server
      vertx.cancelTimer(i.timer);
      i.connection.closeHandler(null);
      if (!i.gone) return i.connection;
    }
    return null;
  }

  /** Keeps {@code connection} (idle, its response complete) for the next run to {@code origin}, or closes it. */
  void giveBack(Origin origin, HttpClientConnection connection) {
    connection.exceptionHandler(e -> {}); // a reset while idle: the close handler drops it
    ArrayDeque<Idle> q = idle.computeIfAbsent(origin, k -> new ArrayDeque<>());
    if (q.size() >= MAX_IDLE_PER_ORIGIN) {
      connection.close();
      return;
    }
    q.addLast(new Idle(origin, connection));
  }

  private boolean remove(Idle i) {
    ArrayDeque<Idle> q = idle.get(i.origin);
    boolean removed = q != null && q.remove(i);
    if (q != null && q.isEmpty()) idle.remove(i.origin);
    if (removed) vertx.cancelTimer(i.timer);
    return removed;
  }
}
