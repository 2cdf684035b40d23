package dev.golive.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Condition;
import dev.golive.probe.cors.CorsProbeKind;
import dev.golive.probe.headers.HeadersProbeKind;
import dev.golive.probe.ratelimit.RateLimitProbeKind;
import dev.golive.probe.webhook.WebhookProbeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every default condition of the wire kinds parses and names only placeholders its kind observes. */
class WireDefaultConditionsTest {

  private static <S> void check(ProbeKind<S> kind, String yaml) throws Exception {
    var parsed = WireTesting.parse(kind, yaml, Map.of("S", "secret-value"));
    assertThat(parsed.problems()).isEmpty();
    List<String> conditions = kind.defaultConditions(parsed.spec());
    assertThat(conditions).isNotEmpty();
    for (String text : conditions) {
      Condition c = Condition.parse(text);
      assertThat(kind.placeholders()).as(text).containsAll(c.placeholders());
    }
  }

  @Test
  void defaultConditionsParse() throws Exception {
    check(new WebhookProbeKind(), "webhook: { scheme: meta, url: \"https://a.example/\", verify-token: t0k, "
        + "app-secret: \"${env:S}\" }");
    check(new WebhookProbeKind(), "webhook: { scheme: stripe, url: \"https://a.example/\", signing-secret: x12 }");
    check(new HeadersProbeKind(), "headers: { url: \"https://a.example/\", hsts-min-age: 1h30m, hsts-preload: true,"
        + " hsts-include-subdomains: true, csp-forbid-unsafe-inline: true, checks: [hsts, csp, nosniff, frame,"
        + " referrer, cookies, https-redirect] }");
    check(new CorsProbeKind(), "cors: { url: \"https://a.example/\", origin: \"https://b.example\", "
        + "request-headers: [Authorization] }");
    check(new RateLimitProbeKind(), "rate-limit: { url: \"https://a.example/\", require-retry-after: true }");
  }
}
