package dev.golive.probe.tcp;

import dev.golive.condition.Observation;
import dev.golive.config.Durations;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.request.Bounded;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Connects to every listed port at once (at most 16 in flight) with a connect timeout below the probe's timeout, and
 * closes each accepted connection at once. A refused, dropped (timed out) or unreachable port counts as closed. The
 * observation fails only when the host name does not resolve, since every port would then look closed.
 */
final class TcpObserver implements Observer {
  private static final int PARALLEL = 16;

  private final TcpSpec spec;
  private final NetClient client;
  private final Duration connectTimeout;

  TcpObserver(TcpSpec spec, ProbeEnvironment env, Duration timeout) {
    this.spec = spec;
    Duration budget = timeout.multipliedBy(3).dividedBy(4);
    this.connectTimeout = spec.connectTimeout() == null || spec.connectTimeout().compareTo(budget) > 0
        ? budget : spec.connectTimeout();
    this.client = env.vertx().createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())))
        .setReconnectAttempts(0));
  }

  /** How one port answered; {@code time} is set for accepted connections. */
  private record Answer(int port, boolean open, Duration time, String text) {}

  @Override
  public Future<Observation> observe() {
    List<Supplier<Future<Answer>>> tasks = new ArrayList<>();
    for (int port : spec.open()) tasks.add(() -> probe(port));
    for (int port : spec.closed()) tasks.add(() -> probe(port));
    return Bounded.all(tasks, PARALLEL).map(answers -> {
      List<Integer> open = new ArrayList<>();
      List<Integer> closed = new ArrayList<>();
      List<Integer> unexpectedOpen = new ArrayList<>();
      List<Integer> unexpectedClosed = new ArrayList<>();
      Map<String, String> ports = new LinkedHashMap<>();
      Duration slowest = null;
      for (Answer a : answers) {
        ports.put(Integer.toString(a.port()), a.text());
        if (a.open()) {
          open.add(a.port());
          if (spec.closed().contains(a.port())) unexpectedOpen.add(a.port());
          if (slowest == null || a.time().compareTo(slowest) > 0) slowest = a.time();
        } else {
          closed.add(a.port());
          if (spec.open().contains(a.port())) unexpectedClosed.add(a.port());
        }
      }
      return Observation.builder()
          .put(TcpProbeKind.OPEN, List.copyOf(open))
          .put(TcpProbeKind.CLOSED, List.copyOf(closed))
          .put(TcpProbeKind.UNEXPECTED_OPEN, List.copyOf(unexpectedOpen))
          .put(TcpProbeKind.UNEXPECTED_CLOSED, List.copyOf(unexpectedClosed))
          .put(TcpProbeKind.UNEXPECTED_OPEN_COUNT, unexpectedOpen.size())
          .put(TcpProbeKind.UNEXPECTED_CLOSED_COUNT, unexpectedClosed.size())
          .put(TcpProbeKind.CONNECT_TIME, slowest)
          .put(TcpProbeKind.PORTS, Map.copyOf(ports))
          .build();
    });
  }

  private Future<Answer> probe(int port) {
    long t0 = System.nanoTime();
    return client.connect(port, spec.host()).transform(ar -> {
      if (ar.succeeded()) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        ar.result().close();
        return Future.succeededFuture(new Answer(port, true, took, "open in " + Durations.format(took)));
      }
      Throwable cause = ar.cause();
      if (causedBy(cause, UnknownHostException.class)) {
        return Future.failedFuture(new UnknownHostException("cannot resolve host " + spec.host()));
      }
      return Future.succeededFuture(new Answer(port, false, null, describe(cause)));
    });
  }

  private String describe(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    String message = String.valueOf(cause.getMessage()).toLowerCase();
    if (name.equals("ConnectTimeoutException") || message.contains("timed out")) {
      return "no answer within " + Durations.format(connectTimeout);
    }
    if (message.contains("refused")) return "refused";
    if (cause instanceof ConnectException) return "unreachable: " + cause.getMessage();
    return "closed: " + (cause.getMessage() == null ? name : cause.getMessage());
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }

  @Override
  public void close() {
    client.close();
  }
}
