package dev.golive.probe.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust managers for chain validation: the JDK's default trust store, or the certificates of a PEM file. Blocking. */
final class TrustAnchors {
  private static volatile X509TrustManager jdk;

  private TrustAnchors() {}

  /** The JDK's default trust store, loaded once. */
  static X509TrustManager jdk() throws GeneralSecurityException {
    X509TrustManager tm = jdk;
    if (tm == null) {
      tm = trustManager(null);
      jdk = tm;
    }
    return tm;
  }

  /** Trusts exactly the certificates in {@code pem}. */
  static X509TrustManager of(Path pem) throws IOException, GeneralSecurityException {
    List<X509Certificate> certs = PemFiles.certificates(pem);
    if (certs.isEmpty()) throw new CertificateException("no PEM certificate in " + pem);
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    for (int i = 0; i < certs.size(); i++) ks.setCertificateEntry("ca-" + i, certs.get(i));
    return trustManager(ks);
  }

  private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("no X509TrustManager available");
  }
}
