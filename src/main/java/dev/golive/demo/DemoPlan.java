package dev.golive.demo;

import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Where the demo's plan, token and certificates come from. */
public final class DemoPlan {
  public static final int SERVICE_PORT = 18089;
  public static final int SERVICE_TLS_PORT = 18443;
  public static final String TOKEN_FILE = "api-token";
  static final String BUNDLED = "golive-demo/";
  static final List<String> FILES = List.of("golive.yaml", "checklist.md");

  private DemoPlan() {}

  /** {@code explicit} if given, else {@code probes/demo} when present, else the plan bundled in the jar. */
  public static Path folder(Path explicit, Path data) throws IOException {
    if (explicit != null) return explicit;
    Path local = Path.of("probes", "demo");
    if (Files.isRegularFile(local.resolve("golive.yaml"))) return local;
    Path copy = data.resolve("plan");
    Files.createDirectories(copy);
    for (String f : FILES) {
      try (InputStream in = DemoPlan.class.getClassLoader().getResourceAsStream(BUNDLED + f)) {
        if (in == null) throw new IOException("the jar lacks " + BUNDLED + f);
        Files.copy(in, copy.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return copy;
  }

  /**
   * The plan in {@code planDir}, pointed at the fake service's actual ports: unchanged when they are the defaults,
   * else a copy under {@code data/plan-ports} with {@value #SERVICE_PORT} and {@value #SERVICE_TLS_PORT} replaced.
   */
  public static Path withServicePorts(Path planDir, Path data, int port, int tlsPort) throws IOException {
    if (port == SERVICE_PORT && tlsPort == SERVICE_TLS_PORT) return planDir;
    Path copy = data.resolve("plan-ports");
    Files.createDirectories(copy);
    for (String f : FILES) {
      String text = Files.readString(planDir.resolve(f), StandardCharsets.UTF_8);
      if (f.equals("golive.yaml")) {
        text = text.replace(String.valueOf(SERVICE_PORT), String.valueOf(port))
            .replace(String.valueOf(SERVICE_TLS_PORT), String.valueOf(tlsPort));
      }
      Files.writeString(copy.resolve(f), text, StandardCharsets.UTF_8);
    }
    return copy;
  }

  /** The demo's API write token: kept in a file only its owner can read, made once. Never logged. */
  public static String apiToken(Path data) throws IOException {
    Files.createDirectories(data);
    Path file = data.resolve(TOKEN_FILE);
    if (Files.isRegularFile(file)) return Files.readString(file, StandardCharsets.UTF_8).trim();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps its default permissions
    }
    return token;
  }

  /** The CA certificate that signed the demo service's certificate (written by {@link #tls}). */
  public static Path caFile(Path data) {
    return data.resolve("tls").resolve("demo-ca.pem");
  }

  /** The demo service's certificate (made fresh under {@code data/tls}); the plan trusts {@code data/tls/demo-ca.pem}. */
  public static PemKeyCertOptions tls(Path data) {
    Instant now = Instant.now();
    Certificates.PemFiles pem = Certificates.localhost(data.resolve("tls"), "demo", now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(90)));
    return new PemKeyCertOptions().setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString());
  }
}
