package dev.golive.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.condition.Condition;
import dev.golive.condition.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditions as the loader hands them to the runtime: bound to their placeholders' types and the probe's unit. */
class LoadedConditionsTest {
  @TempDir Path dir;

  private PlanConfig load() throws Exception {
    Files.writeString(dir.resolve("checklist.md"), "# Shop\n- [ ] GO-001 Errors stay low\n- [ ] GO-002 TLS is valid\n"
        + "- [ ] GO-003 Disk\n");
    Files.writeString(dir.resolve("golive.yaml"), """
        service: shop
        probes:
          - id: error-rate
            promql: { url: "http://127.0.0.1:9", query: "sum(rate(errors[5m])) / sum(rate(requests[5m]))" }
            unit: ratio
            conditions: ["[VALUE] < 1%"]
            ticks: [GO-001]
          - id: cert
            tls: { host: 127.0.0.1, port: 9 }
            ticks: [GO-002]
          - id: disk
            promql: { url: "http://127.0.0.1:9", query: "disk_used_percent" }
            unit: percent
            conditions: ["[VALUE] < 80%"]
            ticks: [GO-003]
        triggers:
          - { id: errors, probe: error-rate, fire-when: "[VALUE] > 5%" }
          - { id: slow-errors, probe: error-rate, fire-when: "[VALUE] > [BASELINE] * 2" }
        """);
    return PlanLoader.load(dir, Secrets.of(Map.of()));
  }

  private static String explain(Condition c, String placeholder, Object value) {
    return c.evaluate(Observation.builder().put(placeholder, value).put("BASELINE", 0.02).build()).explanation();
  }

  @Test
  void aRatioProbeIsShownInPercentsEverywhere() throws Exception {
    PlanConfig plan = load();
    assertThat(explain(plan.probe("error-rate").orElseThrow().conditions().get(0), "VALUE", 0.0123))
        .isEqualTo("[VALUE] (1.23%) < 1%");
    TriggerConfig errors = plan.triggers().get(0);
    assertThat(errors.fireWhen().evaluate(Observation.builder().put("VALUE", 0.054).build()).passed()).isTrue();
    assertThat(explain(errors.fireWhen(), "VALUE", 0.054)).isEqualTo("[VALUE] (5.4%) > 5%");
    assertThat(explain(plan.triggers().get(1).fireWhen(), "VALUE", 0.05))
        .isEqualTo("[VALUE] (5%) > [BASELINE] (2%) * 2 (= 4%)");
  }

  @Test
  void aPercentProbeComparesPercentLiteralsInPercent() throws Exception {
    Condition disk = load().probe("disk").orElseThrow().conditions().get(0);
    assertThat(disk.evaluate(Observation.builder().put("VALUE", 79.5).build()).passed()).isTrue();
    assertThat(explain(disk, "VALUE", 85.25)).isEqualTo("[VALUE] (85.3%) < 80%");
  }

  @Test
  void anExpiredCertificateSaysWhenItExpired() throws Exception {
    List<Condition> defaults = load().probe("cert").orElseThrow().conditions();
    Condition expiry = defaults.stream().filter(c -> c.placeholders().contains("CERT_EXPIRY")).findFirst()
        .orElseThrow();
    assertThat(explain(expiry, "CERT_EXPIRY", Duration.ofHours(-51))).isEqualTo(
        "[CERT_EXPIRY] (expired 2 days ago) > 14d");
    assertThat(explain(expiry, "CERT_EXPIRY", Duration.ofHours(51).plusMinutes(7))).isEqualTo(
        "[CERT_EXPIRY] (2d 3h) > 14d");
  }
}
