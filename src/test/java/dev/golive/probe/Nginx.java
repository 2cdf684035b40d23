package dev.golive.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * A private nginx (Debian package {@code nginx}) for integration tests: runs in the foreground as the current user in
 * a temporary prefix, serving the given {@code server { }} blocks on loopback. A missing nginx fails the test.
 */
public final class Nginx implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/nginx");
  private final Path prefix;
  private final Process process;

  private Nginx(Path prefix, Process process) {
    this.prefix = prefix;
    this.process = process;
  }

  /** A fresh temporary prefix (certificates may be written into it before {@link #start}). */
  public static Path prefix(String name) throws IOException {
    assertThat(Files.isExecutable(BINARY))
        .as("nginx is required for this test: install the Debian package (apt-get install nginx)").isTrue();
    return Files.createTempDirectory(name);
  }

  /** Starts nginx with {@code servers} (server blocks) in its http block; returns once every port listens. */
  public static Nginx start(Path prefix, String servers, int... ports) throws Exception {
    String p = prefix.toString();
    Files.writeString(prefix.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
        %2$s
        }
        """.formatted(p, servers));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", p, "-c", p + "/nginx.conf", "-e", p + "/error.log")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
    Nginx nginx = new Nginx(prefix, process);
    try {
      nginx.awaitListening(ports);
    } catch (Exception | AssertionError e) {
      nginx.close();
      throw e;
    }
    return nginx;
  }

  /** A loopback port that nothing listens on (bound then released). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void awaitListening(int... ports) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    for (int port : ports) {
      while (true) {
        if (!process.isAlive()) {
          throw new AssertionError("nginx exited with " + process.exitValue() + ": "
              + readIfExists(prefix.resolve("stdout.log")) + readIfExists(prefix.resolve("error.log")));
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          break;
        } catch (IOException notYet) {
          if (System.nanoTime() > deadline) throw new AssertionError("nginx did not listen on " + port);
          Thread.sleep(50);
        }
      }
    }
  }

  private static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }

  /** Stops nginx and deletes its prefix. */
  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
    try (var files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
