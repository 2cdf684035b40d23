package dev.golive.probe.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes the headers a provider sends with a signed delivery, exactly as the provider documents them. */
final class Signer {
  private Signer() {}

  /** The signature headers for {@code body} sent at {@code epochSeconds}, signed with the configured secret. */
  static Map<String, String> headers(WebhookSpec spec, String body, long epochSeconds) {
    return headers(spec, spec.secret(), body, epochSeconds);
  }

  /**
   * The signature headers for {@code body} signed with {@code secret}. Meta documents only
   * {@code X-Hub-Signature-256}; GitHub still sends the legacy SHA-1 {@code X-Hub-Signature} next to it.
   */
  static Map<String, String> headers(WebhookSpec spec, String secret, String body, long epochSeconds) {
    Map<String, String> h = new LinkedHashMap<>();
    switch (spec.scheme()) {
      case META -> h.put("X-Hub-Signature-256", "sha256=" + hex(hmac("HmacSHA256", secret, body)));
      case GITHUB -> {
        h.put("X-Hub-Signature-256", "sha256=" + hex(hmac("HmacSHA256", secret, body)));
        h.put("X-Hub-Signature", "sha1=" + hex(hmac("HmacSHA1", secret, body)));
      }
      case STRIPE -> h.put("Stripe-Signature",
          "t=" + epochSeconds + ",v1=" + hex(hmac("HmacSHA256", secret, epochSeconds + "." + body)));
      case SLACK -> {
        h.put("X-Slack-Request-Timestamp", Long.toString(epochSeconds));
        h.put("X-Slack-Signature", "v0=" + hex(hmac("HmacSHA256", secret, "v0:" + epochSeconds + ":" + body)));
      }
      case HMAC -> {
        String ts = Long.toString(epochSeconds);
        if (spec.timestampHeader() != null) h.put(spec.timestampHeader(), ts);
        String content = spec.signedContent().replace("{timestamp}", ts).replace("{body}", body);
        byte[] mac = hmac(javaAlgorithm(spec.algorithm()), secret, content);
        h.put(spec.header(), spec.prefix() + ("base64".equals(spec.encoding()) ? Base64.getEncoder().encodeToString(mac)
            : hex(mac)));
      }
    }
    return h;
  }

  static String javaAlgorithm(String algorithm) {
    return switch (algorithm) {
      case "sha1" -> "HmacSHA1";
      case "sha512" -> "HmacSHA512";
      default -> "HmacSHA256";
    };
  }

  static byte[] hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
