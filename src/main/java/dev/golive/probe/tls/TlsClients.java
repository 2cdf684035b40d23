package dev.golive.probe.tls;

import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.request.Call;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Applies {@link TlsSettings} to Vert.x clients. Certificates and keys are read when Vert.x builds the client's SSL
 * context (on a worker thread, at the first TLS connection), so a broken file fails that connection, not the event
 * loop. Every certificate rejection says why in words ({@link CertificateCheck}).
 */
public final class TlsClients {
  private TlsClients() {}

  /**
   * Sets trust (ca-file or the JDK store, checked by {@link CertificateCheck}; everything with {@code insecure}),
   * the client certificate and SNI on {@code options}. Host names are checked by {@link CertificateCheck} against
   * {@code server-name} or the URL's host, so Vert.x's own check is switched off.
   */
  public static <O extends HttpClientOptions> O apply(TlsSettings tls, O options) {
    if (tls.insecure()) {
      options.setTrustAll(true).setVerifyHost(false);
    } else {
      options.setTrustOptions(new Trust(tls)).setVerifyHost(false);
    }
    if (tls.clientCert() != null) options.setKeyCertOptions(new ClientKey(tls));
    return options;
  }

  /** Options for a raw TLS connection that presents the client certificate, if any, and trusts everything. */
  public static ClientSSLOptions observing(TlsSettings tls) {
    ClientSSLOptions options = new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("");
    if (tls.clientCert() != null) options.setKeyCertOptions(new ClientKey(tls));
    return options;
  }

  /**
   * The web client for {@code tls} and a probe's {@code timeout} (a connect is given up a second after it): the
   * environment's shared one for the defaults, else a new one (which the caller closes with {@link #release}). Send through {@link #request} so that a
   * {@code server-name} is used.
   */
  public static WebClient webClient(ProbeEnvironment env, TlsSettings tls, Duration timeout) {
    if (tls.isDefault()) return env.webClient(timeout);
    WebClientOptions options = new WebClientOptions().setUserAgent("golive").setFollowRedirects(false)
        .setKeepAlive(true).setConnectTimeout(ProbeEnvironment.connectTimeoutFor(timeout));
    WebClient client = WebClient.create(env.vertx(), apply(tls, options), new PoolOptions().setHttp1MaxSize(32));
    client.addInterceptor(Call::track);
    return client;
  }

  /** Closes {@code client} unless it is the environment's shared one. */
  public static void release(ProbeEnvironment env, WebClient client) {
    if (!env.shares(client)) client.close();
  }

  /** A request to {@code url}; with a {@code server-name}, that name is its SNI and Host header. */
  public static HttpRequest<Buffer> request(WebClient client, TlsSettings tls, HttpMethod method, String url) {
    HttpRequest<Buffer> request = client.requestAbs(method, url);
    if (tls.serverName() != null) request.virtualHost(tls.serverName());
    return request;
  }

  /** Trust options built when Vert.x asks for them (on a worker thread): the anchors wrapped in the check. */
  private record Trust(TlsSettings tls) implements TrustOptions {
    @Override
    public TrustOptions copy() {
      return this;
    }

    @Override
    public TrustManagerFactory getTrustManagerFactory(Vertx vertx) throws Exception {
      CertificateCheck check = new CertificateCheck(tls.caFile() == null ? TrustAnchors.jdk()
          : TrustAnchors.of(tls.caFile()), tls.serverName(), tls.trustLabel());
      return TrustOptions.wrap(check).getTrustManagerFactory(vertx);
    }

    @Override
    public Function<String, TrustManager[]> trustManagerMapper(Vertx vertx) throws Exception {
      TrustManagerFactory f = getTrustManagerFactory(vertx);
      return serverName -> f.getTrustManagers();
    }
  }

  /** The client certificate and key, read when Vert.x asks for them (on a worker thread). */
  private record ClientKey(TlsSettings tls) implements KeyCertOptions {
    @Override
    public KeyCertOptions copy() {
      return this;
    }

    @Override
    public KeyManagerFactory getKeyManagerFactory(Vertx vertx) throws Exception {
      List<X509Certificate> chain = PemFiles.certificates(tls.clientCert());
      PrivateKey key = PemFiles.privateKey(tls.clientKey());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, password);
      return f;
    }

    @Override
    public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) throws Exception {
      return serverName -> null;
    }
  }
}
