package dev.golive.probe.webhook;

import dev.golive.probe.tls.TlsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code webhook:} block. {@code verifyToken} is set only for the {@code meta} handshake, {@code secret}
 * only when signed deliveries are to be proven; {@code acceptStatus} empty means any 2xx.
 */
public record WebhookSpec(
    Scheme scheme,
    String url,
    String verifyToken,
    String secret,
    String payload,
    Map<String, String> headers,
    String header,
    String algorithm,
    String encoding,
    String prefix,
    Duration tolerance,
    Set<Integer> acceptStatus,
    TlsSettings tls) {

  public WebhookSpec {
    headers = Map.copyOf(headers);
    acceptStatus = Set.copyOf(acceptStatus);
  }

  public boolean handshake() {
    return verifyToken != null;
  }

  public boolean signed() {
    return secret != null;
  }

  public boolean timestamped() {
    return scheme.timestamped();
  }

  /** The providers whose deliveries golive can imitate. */
  public enum Scheme {
    META("meta", false),
    GITHUB("github", false),
    STRIPE("stripe", true),
    SLACK("slack", true),
    HMAC("hmac", false);

    private final String key;
    private final boolean timestamped;

    Scheme(String key, boolean timestamped) {
      this.key = key;
      this.timestamped = timestamped;
    }

    public String key() {
      return key;
    }

    public boolean timestamped() {
      return timestamped;
    }

    static Scheme of(String key) {
      for (Scheme s : values()) {
        if (s.key.equals(key)) return s;
      }
      throw new IllegalArgumentException(key);
    }
  }
}
