package dev.golive.probe.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.probe.ProbeKinds;
import dev.golive.probe.WireTesting;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitProbeKindTest {
  private static final RateLimitProbeKind KIND = new RateLimitProbeKind();

  private static WireTesting.Parsed<RateLimitSpec> parse(String yaml) {
    return WireTesting.parse(KIND, yaml, Map.of());
  }

  @Test
  void defaultsAreBoundedAndHourly() {
    assertThat(ProbeKinds.byName("rate-limit")).containsInstanceOf(RateLimitProbeKind.class);
    var p = parse("rate-limit: { url: \"https://api.example.com/login\" }");
    assertThat(p.problems()).isEmpty();
    assertThat(p.spec().maxRequests()).isEqualTo(100);
    assertThat(p.spec().concurrency()).isEqualTo(4);
    assertThat(p.spec().limitedStatus()).isEqualTo(Set.of(429));
    assertThat(p.spec().timeBudget()).isNull();
    assertThat(KIND.defaultInterval(Duration.ofSeconds(30))).isEqualTo(Duration.ofHours(1));
    assertThat(KIND.defaultConditions(p.spec())).containsExactly("[LIMITED] == true");
    var strict = parse("rate-limit: { url: \"https://a.example/\", require-retry-after: true, method: post, "
        + "limited-status: [429, 503], max-requests: 3, concurrency: 8 }");
    assertThat(KIND.defaultConditions(strict.spec())).containsExactly("[LIMITED] == true",
        "[RETRY_AFTER_PRESENT] == true");
    assertThat(strict.spec().method()).isEqualTo("POST");
    assertThat(strict.spec().concurrency()).isEqualTo(3);
  }

  @Test
  void refusesBudgetsBeyondTheHardCap() {
    assertThat(parse("rate-limit: { url: \"https://a.example/\", max-requests: 5000 }").problems()).singleElement()
        .asString().contains("rate-limit.max-requests: must be between 1 and 1000, got 5000");
    assertThat(parse("rate-limit: { url: \"https://a.example/\", concurrency: 100 }").problems()).singleElement()
        .asString().contains("must be between 1 and 16");
    assertThat(parse("rate-limit: { url: \"https://a.example/\", time-budget: 0s }").problems()).singleElement()
        .asString().contains("rate-limit.time-budget: must be positive");
    assertThat(parse("rate-limit: { url: \"https://a.example/\", limited-status: [999] }").problems())
        .singleElement().asString().contains("expected an HTTP status code");
    assertThat(parse("rate-limit: { max-requests: 10 }").problems()).singleElement().asString()
        .contains("missing required key 'rate-limit.url'");
  }

  @Test
  void timeBudgetNeverExceedsTheProbeTimeout() {
    var p = parse("rate-limit: { url: \"https://a.example/\", time-budget: 1h }");
    var observer = (RateLimitObserver) KIND.observer(p.spec(), null, Duration.ofSeconds(10));
    assertThat(observer.budget()).isLessThan(Duration.ofSeconds(10));
    var shorter = parse("rate-limit: { url: \"https://a.example/\", time-budget: 2s }");
    assertThat(((RateLimitObserver) KIND.observer(shorter.spec(), null, Duration.ofSeconds(10))).budget())
        .isEqualTo(Duration.ofSeconds(2));
  }
}
