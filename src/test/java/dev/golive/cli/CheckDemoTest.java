package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.demo.DemoPlan;
import dev.golive.demo.DemoService;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code golive check} as a CI gate on the demo plan against the demo's fake service: Go on every run while the
 * service is healthy (a slow first request and the error-rate probe's first sample, which has no rate yet, are tried
 * again rather than failed), No-Go naming the failing items when the service is down, and "not settled" (exit 3)
 * when the deadline comes first.
 */
@Isolated
class CheckDemoTest {
  @TempDir Path data;
  private final Vertx vertx = Vertx.vertx();
  private DemoService service;
  private Path plan;

  @BeforeEach
  void start() throws Exception {
    service = DemoService.start(vertx, 0, 0, DemoPlan.tls(data)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    plan = DemoPlan.withServicePorts(Path.of("probes/demo"), data, service.port(), service.tlsPort());
    // the plan reads the demo CA from ${env:DEMO_CA_FILE}; an in-process run cannot set the environment
    Path yaml = plan.resolve("golive.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("${env:DEMO_CA_FILE}",
        DemoPlan.caFile(data).toAbsolutePath().toString()));
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) service.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theHealthyDemoIsGoOnEveryRun() {
    for (int run = 1; run <= 2; run++) {
      MainRun r = MainRun.of("check", plan.toString());
      assertThat(r.code()).as("run %d:%n%s%s", run, r.out(), r.err()).isZero();
      assertThat(r.out()).contains("demo: GO").contains("done          GO-001").contains("done          GO-007")
          .doesNotContain("not settled")
          .contains("failed: GO-008"); // its [x] claim is refuted, in an optional gate: reported, not blocking
    }
  }

  @Test
  void aDownServiceIsNoGoNamingTheFailingItems() throws Exception {
    service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    service = null;
    MainRun r = MainRun.of("check", plan.toString(), "--interval", "1s");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("demo: NO-GO")
        .containsPattern("failed: GO-001, GO-002, GO-003, GO-007, GO-008, after-go-live-30-minutes-after-all-"
            + "endpoints-responding")
        .doesNotContain("not settled");
  }

  @Test
  void aDeadlineBeforeTheItemsSettleIsNotSettledNotNoGo() throws Exception {
    // the error-rate probe needs two samples 10s apart before its item can tick: a 2s deadline cannot see that
    MainRun r = MainRun.of("check", plan.toString(), "--timeout", "2s");
    assertThat(r.code()).as(r.out()).isEqualTo(Main.NOT_SETTLED);
    assertThat(r.out()).contains("demo: NOT SETTLED").contains("not settled   GO-007")
        .containsPattern("not settled: .*GO-007");
  }

  @Test
  void badDurationsAreBadInput() {
    MainRun r = MainRun.of("check", plan.toString(), "--timeout", "soon");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("--timeout 'soon'");
  }
}
