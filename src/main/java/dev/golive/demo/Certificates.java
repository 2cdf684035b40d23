package dev.golive.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates throw-away certificates for tests and {@code golive demo}: a self-signed CA, and leaf certificates it
 * signs for given DNS names and IP addresses, with any validity (in the past for expired certificates). Keys are EC
 * P-256, written as PKCS#8 PEM; certificates as PEM. Blocking (key generation, file writes): call off the event loop.
 */
public final class Certificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, PrivateKey key) {}

  /** PEM files written to disk: the CA certificate (the trust anchor to give clients), the leaf and its key. */
  public record PemFiles(Path caCert, Path cert, Path key) {}

  /** A self-signed CA valid from {@code notBefore} to {@code notAfter}. */
  public static Issued ca(String commonName, Instant notBefore, Instant notAfter) {
    KeyPair pair = keyPair();
    X500Name name = new X500Name("O=golive,CN=" + commonName);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
          Date.from(notAfter), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new Issued(sign(b, pair.getPrivate()), pair.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create CA certificate", e);
    }
  }

  /**
   * A leaf certificate signed by {@code ca} for {@code names}: each is a DNS name or an IP address literal; the
   * first is also the subject's common name.
   */
  public static Issued leaf(Issued ca, List<String> names, Instant notBefore, Instant notAfter) {
    if (names.isEmpty()) throw new IllegalArgumentException("a leaf certificate needs at least one name");
    KeyPair pair = keyPair();
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), Date.from(notBefore),
          Date.from(notAfter), new X500Name("O=golive,CN=" + names.get(0)), pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
          .addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
              org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(sans.toArray(GeneralName[]::new)))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(ca.certificate()))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new Issued(sign(b, ca.key()), pair.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create leaf certificate", e);
    }
  }

  /**
   * Creates a fresh CA (valid from a day before {@code notBefore} to a year after {@code notAfter}) and a leaf for
   * {@code localhost} and {@code 127.0.0.1} valid from {@code notBefore} to {@code notAfter}, and writes
   * {@code <prefix>-ca.pem}, {@code <prefix>-cert.pem} and {@code <prefix>-key.pem} into {@code dir}.
   */
  public static PemFiles localhost(Path dir, String prefix, Instant notBefore, Instant notAfter) {
    return write(dir, prefix, List.of("localhost", "127.0.0.1"), notBefore, notAfter);
  }

  /** Like {@link #localhost} for any names (DNS names or IP literals). */
  public static PemFiles write(Path dir, String prefix, List<String> names, Instant notBefore, Instant notAfter) {
    Issued ca = ca(prefix + " test CA", notBefore.minusSeconds(86_400), notAfter.plusSeconds(365L * 86_400));
    Issued leaf = leaf(ca, names, notBefore, notAfter);
    return write(dir, prefix, ca, leaf);
  }

  /** Writes an already issued leaf, its key and its CA as PEM files. */
  public static PemFiles write(Path dir, String prefix, Issued ca, Issued leaf) {
    try {
      Files.createDirectories(dir);
      Path caCert = dir.resolve(prefix + "-ca.pem");
      Path cert = dir.resolve(prefix + "-cert.pem");
      Path key = dir.resolve(prefix + "-key.pem");
      Files.writeString(caCert, pem(ca.certificate()), StandardCharsets.US_ASCII);
      Files.writeString(cert, pem(leaf.certificate()), StandardCharsets.US_ASCII);
      Files.writeString(key, pem(new JcaPKCS8Generator(leaf.key(), null)), StandardCharsets.US_ASCII);
      return new PemFiles(caCert, cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + dir, e);
    }
  }

  /** PEM text of a certificate. */
  public static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(object);
    }
    return out.toString();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
  }

  private static boolean isIp(String name) {
    if (name.matches("[0-9.]+")) return true;
    if (!name.contains(":")) return false;
    try {
      return InetAddress.getByName(name) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
