package dev.golive.probe.tls;

import dev.golive.demo.Certificates;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the {@link Certificates} helper does not make: client certificates (clientAuth) signed by a given CA,
 * and self-signed server certificates. EC P-256, PEM files. Blocking.
 */
public final class TlsFixtures {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsFixtures() {}

  /** A client certificate for {@code name} signed by {@code ca}, valid for a day around now; written as PEM. */
  public static Certificates.PemFiles client(Path dir, String prefix, Certificates.Issued ca, String name)
      throws Exception {
    KeyPair pair = keyPair();
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), Date.from(now.minusSeconds(3600)),
        Date.from(now.plusSeconds(86_400)), new X500Name("O=golive,CN=" + name), pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    var cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
    return write(dir, prefix, ca.certificate(), cert, pair);
  }

  /** A self-signed server certificate for {@code name} (also its only SAN), valid for a month around now. */
  public static Certificates.PemFiles selfSigned(Path dir, String prefix, String name) throws Exception {
    KeyPair pair = keyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("O=golive,CN=" + name);
    var b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(3600)),
        Date.from(now.plusSeconds(30L * 86_400)), subject, pair.getPublic())
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
    var cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return write(dir, prefix, cert, cert, pair);
  }

  private static Certificates.PemFiles write(Path dir, String prefix, Object ca, Object cert, KeyPair pair)
      throws IOException {
    Files.createDirectories(dir);
    Path caFile = Files.writeString(dir.resolve(prefix + "-ca.pem"), Certificates.pem(ca), StandardCharsets.US_ASCII);
    Path certFile = Files.writeString(dir.resolve(prefix + "-cert.pem"), Certificates.pem(cert),
        StandardCharsets.US_ASCII);
    Path keyFile = Files.writeString(dir.resolve(prefix + "-key.pem"),
        Certificates.pem(new JcaPKCS8Generator(pair.getPrivate(), null)), StandardCharsets.US_ASCII);
    return new Certificates.PemFiles(caFile, certFile, keyFile);
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
  }
}
