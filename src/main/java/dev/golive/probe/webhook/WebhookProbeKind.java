package dev.golive.probe.webhook;

import dev.golive.condition.Placeholders;
import dev.golive.probe.tls.TlsSettings;
import dev.golive.config.ConfigNode;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.ProbeKind;
import dev.golive.probe.webhook.WebhookSpec.Scheme;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code webhook:} proves both halves of a webhook endpoint: the provider's verification handshake ({@code meta}) and
 * signed deliveries ({@code meta}, {@code github}, {@code stripe}, {@code slack}, generic {@code hmac}): a genuine
 * delivery is accepted; unsigned, wrongly signed, tampered and (for timestamped schemes) replayed ones are refused.
 */
public final class WebhookProbeKind implements ProbeKind<WebhookSpec> {
  static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final String HEADER_NAME = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
  private static final Set<String> PLACEHOLDERS = Placeholders.of("HANDSHAKE:bool HANDSHAKE_STATUS:status"
      + " WRONG_TOKEN_REFUSED:bool WRONG_TOKEN_STATUS:status GENUINE_ACCEPTED:bool GENUINE_STATUS:status"
      + " FORGED_REFUSED:bool FORGED_STATUS:status STALE_REFUSED:bool STALE_STATUS:status RESPONSE_TIME:duration"
      + " UNSIGNED_REFUSED:bool UNSIGNED_STATUS:status TAMPERED_REFUSED:bool TAMPERED_STATUS:status"
      + " REPLAY_REFUSED:bool REPLAY_STATUS:status");
  private static final String[] SCHEMES = Arrays.stream(Scheme.values()).map(Scheme::key).toArray(String[]::new);

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Set<String> placeholders() {
    return PLACEHOLDERS;
  }

  @Override
  public WebhookSpec parse(ConfigNode block) {
    if (!block.allowOnly(TlsSettings.withKeys("scheme", "url", "verify-token", "app-secret", "signing-secret",
        "payload", "headers", "header", "algorithm", "encoding", "prefix", "tolerance", "accept-status",
        "timestamp-header", "signed-content"))) {
      return null;
    }
    boolean ok = true;
    String schemeKey = block.required("scheme").isPresent() ? block.choice("scheme", null, SCHEMES) : null;
    Scheme scheme = schemeKey == null ? null : Scheme.of(schemeKey);
    String url = url(block);
    ok &= url != null && scheme != null;

    String verifyToken = block.string("verify-token", null);
    if (verifyToken != null && scheme != null && scheme != Scheme.META) {
      block.get("verify-token").get().keyProblem("only the meta scheme has a verification handshake");
      ok = false;
    }
    if (block.has("app-secret") && block.has("signing-secret")) {
      block.get("signing-secret").get().keyProblem("give either app-secret or signing-secret, not both");
      ok = false;
    }
    String secret = block.string("app-secret", block.string("signing-secret", null));
    boolean tokenGiven = block.has("verify-token");
    boolean secretGiven = block.has("app-secret") || block.has("signing-secret");
    if ((tokenGiven && verifyToken == null) || (secretGiven && secret == null)) ok = false; // already reported
    if (scheme == Scheme.META && !tokenGiven && !secretGiven) {
      block.problem("the meta scheme needs verify-token (handshake), app-secret (signed deliveries) or both");
      ok = false;
    } else if (scheme != null && scheme != Scheme.META && !secretGiven) {
      block.problem("missing required key '" + block.path() + "." + (scheme == Scheme.GITHUB ? "app-secret"
          : "signing-secret") + "' (the shared secret deliveries are signed with)");
      ok = false;
    }
    block.secrets().register(verifyToken);
    block.secrets().register(secret);

    ok &= onlyFor(block, scheme, Set.of(Scheme.HMAC), "header", "algorithm", "encoding", "prefix",
        "timestamp-header", "signed-content");
    ok &= onlyFor(block, scheme, Set.of(Scheme.STRIPE, Scheme.SLACK, Scheme.HMAC), "tolerance");
    String timestampHeader = block.string("timestamp-header", null);
    String signedContent = block.string("signed-content", timestampHeader == null ? "{body}" : "{timestamp}.{body}");
    if (scheme == Scheme.HMAC) ok &= genericTimestamp(block, timestampHeader, signedContent);
    String header = null;
    if (scheme == Scheme.HMAC) {
      header = block.requiredString("header");
      if (header != null && !header.matches(HEADER_NAME)) {
        block.get("header").get().problem("'" + header + "' is not a valid header name");
        ok = false;
      }
      ok &= header != null;
    }
    String algorithm = block.choice("algorithm", "sha256", "sha256", "sha1", "sha512");
    String encoding = block.choice("encoding", "hex", "hex", "base64");
    String prefix = block.string("prefix", "");
    Duration tolerance = block.duration("tolerance", DEFAULT_TOLERANCE);
    if (tolerance.isZero() || tolerance.isNegative()) {
      block.get("tolerance").ifPresent(n -> n.problem("must be positive"));
      ok = false;
    }

    String payload = block.string("payload", null);
    if (payload != null) {
      try {
        Json.decodeValue(payload);
      } catch (DecodeException e) {
        block.get("payload").get().problem("is not JSON text: " + firstLine(e.getMessage()));
        ok = false;
      }
    } else if (scheme != null) {
      payload = WebhookPayloads.of(scheme);
    }
    Set<Integer> accept = acceptStatus(block);
    var headers = block.stringMap("headers");
    TlsSettings tls = TlsSettings.read(block);
    if (!ok) return null;
    return new WebhookSpec(scheme, url, verifyToken, secret, payload, headers, header, algorithm, encoding, prefix,
        tolerance, accept, timestampHeader, signedContent, tls);
  }

  /** The generic scheme's optional timestamp: a header, a signed content naming it, and a tolerance only with it. */
  private static boolean genericTimestamp(ConfigNode block, String timestampHeader, String signedContent) {
    boolean ok = true;
    if (timestampHeader != null && !timestampHeader.matches(HEADER_NAME)) {
      block.get("timestamp-header").get().problem("'" + timestampHeader + "' is not a valid header name");
      ok = false;
    }
    if (signedContent != null && !signedContent.contains("{body}")) {
      block.get("signed-content").get().problem("must contain {body}, e.g. \"{timestamp}.{body}\"");
      ok = false;
    } else if (signedContent != null && signedContent.contains("{timestamp}") != (timestampHeader != null)) {
      block.get(timestampHeader == null ? "signed-content" : "timestamp-header").get().problem(timestampHeader == null
          ? "{timestamp} needs 'timestamp-header' (the header that carries it)"
          : "the timestamp must be signed: put {timestamp} in 'signed-content', e.g. \"{timestamp}.{body}\"");
      ok = false;
    }
    if (timestampHeader == null && block.has("tolerance")) {
      block.get("tolerance").get().keyProblem("only applies with 'timestamp-header'");
      ok = false;
    }
    return ok;
  }

  private static String url(ConfigNode block) {
    String url = block.requiredString("url");
    if (url == null) return null;
    try {
      URI u = new URI(url);
      if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
        return url;
      }
    } catch (Exception e) {
      // reported below
    }
    block.get("url").get().problem("expected an absolute http:// or https:// URL, got '" + url + "'");
    return null;
  }

  private static boolean onlyFor(ConfigNode block, Scheme scheme, Set<Scheme> schemes, String... keys) {
    if (scheme == null || schemes.contains(scheme)) return true;
    boolean ok = true;
    for (String key : keys) {
      Optional<ConfigNode> n = block.get(key);
      if (n.isPresent()) {
        n.get().keyProblem("is only used by scheme " + String.join(" and ", schemes.stream().map(Scheme::key).sorted()
            .toList()) + ", not " + scheme.key());
        ok = false;
      }
    }
    return ok;
  }

  private static Set<Integer> acceptStatus(ConfigNode block) {
    Set<Integer> out = new LinkedHashSet<>();
    for (ConfigNode n : block.get("accept-status").map(ConfigNode::elements).orElse(List.of())) {
      String text = n.asString();
      try {
        int code = Integer.parseInt(text == null ? "" : text.trim());
        if (code < 100 || code > 599) throw new NumberFormatException();
        out.add(code);
      } catch (NumberFormatException e) {
        n.problem("expected an HTTP status code such as 200, got '" + text + "'");
      }
    }
    return out;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  @Override
  public List<String> defaultConditions(WebhookSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec.handshake()) {
      out.add("[HANDSHAKE] == true");
      out.add("[WRONG_TOKEN_REFUSED] == true");
    }
    if (spec.signed()) {
      out.add("[GENUINE_ACCEPTED] == true"); // first: a failing endpoint is not a broken signature claim
      out.add("[UNSIGNED_REFUSED] == true");
      out.add("[FORGED_REFUSED] == true");
      out.add("[TAMPERED_REFUSED] == true");
      if (spec.timestamped()) out.add("[REPLAY_REFUSED] == true");
    }
    return out;
  }

  @Override
  public Observer observer(WebhookSpec spec, ProbeEnvironment env, Duration timeout) {
    return new WebhookObserver(spec, env, timeout);
  }
}
