package dev.golive.probe.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and private keys (PKCS#8, PKCS#1 RSA, SEC1 EC) for TLS settings, and says in words what is
 * wrong with a file that does not hold them. Blocking (file reads).
 */
final class PemFiles {
  private static final int MAX_BYTES = 1024 * 1024;

  private PemFiles() {}

  /** The certificates of a PEM file, in file order. */
  static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object o : objects(file)) {
      if (o instanceof X509CertificateHolder h) out.add(converter.getCertificate(h));
    }
    return out;
  }

  /** The private key of a PEM file; fails with a message saying what the file holds instead. */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object o : objects(file)) {
      if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
      if (o instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
      if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
        throw new GeneralSecurityException("the private key in " + file + " is encrypted: golive needs it "
            + "unencrypted (openssl pkey -in KEY -out PLAIN_KEY), readable only by its user");
      }
    }
    throw new GeneralSecurityException("no PEM private key in " + file + " (expected -----BEGIN PRIVATE KEY-----"
        + (certificates(file).isEmpty() ? ")" : "; it holds a certificate)"));
  }

  /** Null when {@code file} holds at least one PEM certificate, else why not. */
  static String checkCertificates(Path file) {
    try {
      if (!certificates(file).isEmpty()) return null;
      return "no PEM certificate in " + file + " (expected -----BEGIN CERTIFICATE-----"
          + (holdsKey(file) ? "; it holds a private key)" : ")");
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return "cannot read PEM certificates from " + file + ": " + message(e);
    }
  }

  /** Null when {@code file} holds an unencrypted PEM private key, else why not. */
  static String checkPrivateKey(Path file) {
    try {
      privateKey(file);
      return null;
    } catch (GeneralSecurityException e) {
      return message(e);
    } catch (IOException | RuntimeException e) {
      return "cannot read a PEM private key from " + file + ": " + message(e);
    }
  }

  /** Null when the first certificate of {@code cert} belongs to the key in {@code key} (or either is unreadable). */
  static String mismatch(Path cert, Path key) {
    try {
      List<X509Certificate> certs = certificates(cert);
      if (certs.isEmpty()) return null;
      PrivateKey privateKey = privateKey(key);
      String algorithm = switch (privateKey.getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC", "ECDSA" -> "SHA256withECDSA";
        case "Ed25519", "EdDSA" -> "Ed25519";
        default -> null;
      };
      if (algorithm == null) return null;
      byte[] probe = "golive key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certs.get(0).getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) return null;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // a key of another type than the certificate's lands here too
      if (!(e instanceof java.security.InvalidKeyException || e instanceof java.security.SignatureException)) {
        return null;
      }
    }
    return "the private key in " + key + " does not belong to the certificate in " + cert;
  }

  private static boolean holdsKey(Path file) {
    try {
      privateKey(file);
      return true;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static List<Object> objects(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) throw new IOException("larger than 1 MiB, not a PEM file");
    List<Object> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1); PEMParser pem = new PEMParser(in)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) out.add(o);
    }
    return out;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
