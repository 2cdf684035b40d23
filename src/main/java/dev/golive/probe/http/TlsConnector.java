package dev.golive.probe.http;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.impl.CleanableHttpClient;
import io.vertx.core.http.impl.HttpChannelConnector;
import io.vertx.core.http.impl.HttpClientBase;
import io.vertx.core.http.impl.UnpooledHttpClientConnection;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.HttpClientInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Opens an https connection of its own (outside the client's pool) in two steps, so the TCP connect and the TLS
 * handshake can be timed apart: {@code HttpClientAgent.connect} hands over the connection only once both are done.
 * It does what that method does, with the TLS handshake as a separate step: a plain TCP connection from the client's
 * own {@code NetClient}, {@link NetSocket#upgradeToSsl} with the client's SSL options (so trust, host-name checks,
 * SNI and client certificates are exactly those of {@code TlsClients}), then HTTP over the socket through Vert.x's
 * {@code HttpChannelConnector.wrap}, the step that follows its own connect. Uses Vert.x internals
 * ({@code io.vertx.core.http.impl}, checked against Vert.x 5.0). Thread-safe; call {@link #connect} on an event loop.
 */
final class TlsConnector {
  private final HttpClientBase client;
  private final HttpClientInternal internal;
  private final ClientSSLOptions ssl;

  TlsConnector(HttpClient client) {
    HttpClient c = client instanceof CleanableHttpClient cleanable ? cleanable.delegate : client;
    this.client = (HttpClientBase) c;
    this.internal = (HttpClientInternal) c;
    // as HttpClientBase configures its default SSL options: verify-host off means no host-name algorithm
    ClientSSLOptions o = internal.options().getSslOptions();
    this.ssl = (o == null ? new ClientSSLOptions() : o.copy()).setUseAlpn(false);
    if (!internal.options().isVerifyHost()) ssl.setHostnameVerificationAlgorithm("");
  }

  /**
   * A TCP connection to {@code server} (or {@code host:port}); completes with the socket once connected. The socket
   * is the caller's to close until {@link #handshake} succeeded.
   */
  Future<NetSocket> connect(String host, int port, SocketAddress server, int connectTimeoutMs) {
    ConnectOptions o = new ConnectOptions().setHost(host).setPort(port).setSsl(false).setTimeout(connectTimeoutMs)
        .setRemoteAddress(server != null ? server : SocketAddress.inetSocketAddress(port, host));
    return internal.netClient().connect(o);
  }

  /**
   * The TLS handshake on a connected socket, presenting {@code host} as SNI as the client's own connect does (the JDK
   * sends a name only, no IP address and no single-label name). Fails as that connect does: with an
   * {@link SSLException} (a connection closed mid-handshake too, which Netty reports as a bare
   * {@code ClosedChannelException}).
   */
  Future<Void> handshake(NetSocket socket, String host) {
    return socket.upgradeToSsl(ssl, sni(host) ? host : null, null).recover(e -> {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SSLException) return Future.failedFuture(e);
      }
      SSLHandshakeException wrapped = new SSLHandshakeException("TLS handshake failed: " + e);
      wrapped.initCause(e);
      return Future.failedFuture(wrapped);
    });
  }

  private static boolean sni(String host) {
    return host.indexOf('.') > 0 && !host.endsWith(".") && !NetUtil.isValidIpV4Address(host)
        && !NetUtil.isValidIpV6Address(host);
  }

  /** HTTP/1.x over a socket whose handshake succeeded: a connection outside the pool, closed by its user. */
  Future<HttpClientConnection> http(NetSocket socket, String host, int port, SocketAddress server) {
    SocketAddress address = server != null ? server : SocketAddress.inetSocketAddress(port, host);
    HttpChannelConnector connector = new HttpChannelConnector(client, internal.netClient(), ssl, null, null,
        internal.options().getProtocolVersion(), true, false, HostAndPort.create(host, port), address, false, 0);
    return connector.wrap((ContextInternal) internal.vertx().getOrCreateContext(), socket)
        .map(UnpooledHttpClientConnection::new);
  }
}
