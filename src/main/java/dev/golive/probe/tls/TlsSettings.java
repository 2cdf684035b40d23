package dev.golive.probe.tls;

import dev.golive.config.ConfigNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a probe speaks TLS, shared by every kind that speaks HTTP or TLS: {@code ca-file} (PEM certificates that replace
 * the JDK trust store), {@code client-cert}/{@code client-key} (PEM, for servers that require a client certificate),
 * {@code server-name} (sent as SNI and the name the certificate must be valid for) and {@code insecure} (no
 * certificate check at all). All null/false means the JDK's defaults. Immutable; read by {@link #read(ConfigNode)}.
 */
public record TlsSettings(Path caFile, Path clientCert, Path clientKey, String serverName, boolean insecure) {
  public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, false);

  /** The keys {@link #read(ConfigNode)} understands. */
  public static final List<String> KEYS = List.of("ca-file", "client-cert", "client-key", "server-name", "insecure");

  /** A kind's own keys followed by {@link #KEYS}, for {@link ConfigNode#allowOnly}. */
  public static String[] withKeys(String... own) {
    List<String> all = new ArrayList<>(Arrays.asList(own));
    all.addAll(KEYS);
    return all.toArray(String[]::new);
  }

  /** True when nothing differs from the JDK defaults, so a shared client will do. */
  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /** The names of the files this probe needs, for messages: {@code ca-file /etc/ca.pem}. */
  public String trustLabel() {
    return caFile == null ? "the JDK default trust store" : "ca-file " + caFile;
  }

  /**
   * Reads the TLS keys of {@code block} (those the kind allowed; others were reported as unknown). Every file must
   * exist and hold PEM of the right sort, {@code client-cert} and {@code client-key} come together and belong to each
   * other, and {@code insecure: true} cannot be combined with {@code ca-file}. Value checks of settings that hold an
   * unresolved secret reference ({@code validate --without-secrets}) are skipped. Reads files: call at load time.
   */
  public static TlsSettings read(ConfigNode block) {
    return read(block, true);
  }

  /** {@link #read(ConfigNode)} for kinds that always look at the certificate and so take no {@code insecure}. */
  static TlsSettings readWithoutInsecure(ConfigNode block) {
    return read(block, false);
  }

  private static TlsSettings read(ConfigNode block, boolean insecureAllowed) {
    Path ca = file(block, "ca-file", PemFiles::checkCertificates);
    Path cert = file(block, "client-cert", PemFiles::checkCertificates);
    Path key = file(block, "client-key", PemFiles::checkPrivateKey);
    if (block.has("client-cert") != block.has("client-key")) {
      String present = block.has("client-cert") ? "client-cert" : "client-key";
      String missing = block.has("client-cert") ? "client-key" : "client-cert";
      block.get(present).orElseThrow().keyProblem("needs " + missing + " too (the client certificate and its "
          + "private key, both PEM)");
    } else if (cert != null && key != null) {
      String mismatch = PemFiles.mismatch(cert, key);
      if (mismatch != null) block.get("client-key").orElseThrow().problem(mismatch);
    }
    String serverName = block.string("server-name", null);
    if (serverName != null && (serverName.isBlank() || !serverName.matches("[A-Za-z0-9._:\\-\\[\\]*]+"))) {
      block.get("server-name").orElseThrow().problem("expected a host name such as api.example.com, got '"
          + serverName + "'");
      serverName = null;
    }
    boolean insecure = insecureAllowed && block.bool("insecure", false);
    if (insecure && block.has("ca-file")) {
      block.get("insecure").orElseThrow().keyProblem("insecure: true skips the certificate check, so ca-file would "
          + "never be used: remove one of them");
    }
    return new TlsSettings(ca, cert, key, serverName, insecure);
  }

  private interface Check {
    /** Null when the file holds what is expected, else why not. */
    String problem(Path file);
  }

  private static Path file(ConfigNode block, String key, Check check) {
    ConfigNode n = block.get(key).orElse(null);
    if (n == null) return null;
    String text = n.asString();
    if (text == null) return null;
    if (text.isBlank()) {
      n.problem("expected the path of a PEM file");
      return null;
    }
    Path path = resolve(n, text.strip());
    if (n.rawText() != null && n.secrets().leavesUnresolved(n.rawText())) return path;
    String problem;
    if (!Files.exists(path)) problem = "file not found: " + path;
    else if (!Files.isRegularFile(path)) problem = "not a file: " + path;
    else if (!Files.isReadable(path)) problem = "cannot read " + path + " (permission denied)";
    else problem = check.problem(path);
    if (problem != null) n.problem(problem);
    return path;
  }

  /** A relative path is relative to the folder of the file that names it. */
  static Path resolve(ConfigNode node, String text) {
    Path p = Path.of(text);
    if (p.isAbsolute()) return p;
    Path folder = Path.of(node.location().file()).toAbsolutePath().getParent();
    return folder == null || !Files.isDirectory(folder) ? p.toAbsolutePath() : folder.resolve(p).normalize();
  }
}
