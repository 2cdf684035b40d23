package dev.golive.probe.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Loopback ports where a client stalls in one phase, for timeout tests of every HTTP-speaking kind:
 * {@link #silent()} accepts TCP and never sends a byte (an https client stalls in the TLS handshake, an http client
 * waiting for the response); {@link #backlogFull()} never accepts and its accept queue is full, so a new TCP connect
 * gets no answer (the client stalls connecting).
 */
public final class Stalls implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final CountDownLatch closedByClient = new CountDownLatch(1);

  private Stalls(ServerSocket server) {
    this.server = server;
  }

  /** Accepts every connection and never answers; notes when a client closes its connection. */
  public static Stalls silent() throws IOException {
    Stalls s = new Stalls(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread t = new Thread(() -> {
      while (!s.server.isClosed()) {
        try {
          Socket c = s.server.accept();
          s.held.add(c);
          Thread reader = new Thread(() -> {
            try {
              while (c.getInputStream().read(new byte[4096]) >= 0) {
                // read and drop (a TLS client hello, a request): answer nothing
              }
              s.closedByClient.countDown();
            } catch (IOException e) {
              s.closedByClient.countDown();
            }
          }, "stalls-reader");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "stalls-accept");
    t.setDaemon(true);
    t.start();
    return s;
  }

  /** Listens with a backlog of one that it fills itself and never accepts: a further connect gets no answer. */
  public static Stalls backlogFull() throws IOException {
    Stalls s = new Stalls(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    // Linux queues backlog + 1 handshaken connections, then drops further SYNs; a few more to be sure
    for (int i = 0; i < 4; i++) {
      Socket c = new Socket();
      try {
        c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port()), 200);
        s.held.add(c);
      } catch (IOException full) {
        c.close();
        break;
      }
    }
    return s;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Waits up to 10 s for a client to close a connection it had opened here. */
  public boolean awaitClientClosed() throws InterruptedException {
    return closedByClient.await(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) s.close();
  }
}
