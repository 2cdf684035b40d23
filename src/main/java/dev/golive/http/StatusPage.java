package dev.golive.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The status page: static HTML that reads the JSON API and updates itself. Loaded once from the jar. */
final class StatusPage {
  private static final String HTML = load();

  private StatusPage() {}

  static String html() {
    return HTML;
  }

  private static String load() {
    try (InputStream in = StatusPage.class.getResourceAsStream("/web/status.html")) {
      if (in == null) throw new IllegalStateException("status.html missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
