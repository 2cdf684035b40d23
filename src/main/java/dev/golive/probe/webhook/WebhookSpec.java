package dev.golive.probe.webhook;

import dev.golive.probe.tls.TlsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code webhook:} block. {@code verifyToken} is set only for the {@code meta} handshake, {@code secret}
 * only when signed deliveries are to be proven; {@code acceptStatus} empty means any 2xx. For {@code hmac},
 * {@code signedContent} is what is signed, with {@code {timestamp}} and {@code {body}} filled in, and
 * {@code timestampHeader} (or null) carries the timestamp.
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
    String timestampHeader,
    String signedContent,
    TlsSettings tls) {

  public WebhookSpec {
    headers = Map.copyOf(headers);
    acceptStatus = Set.copyOf(acceptStatus);
  }

  /** Without a generic timestamp ({@code hmac} signs the body alone). */
  public WebhookSpec(Scheme scheme, String url, String verifyToken, String secret, String payload,
      Map<String, String> headers, String header, String algorithm, String encoding, String prefix,
      Duration tolerance, Set<Integer> acceptStatus) {
    this(scheme, url, verifyToken, secret, payload, headers, header, algorithm, encoding, prefix, tolerance,
        acceptStatus, null, "{body}", TlsSettings.DEFAULT);
  }

  public boolean handshake() {
    return verifyToken != null;
  }

  public boolean signed() {
    return secret != null;
  }

  /** Stripe and Slack always; generic {@code hmac} when a {@code timestamp-header} is configured. */
  public boolean timestamped() {
    return scheme.timestamped() || timestampHeader != null;
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
