package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.cli.GoliveProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica on a PostgreSQL server of the test's own, stopped for 30 s in the middle of a firing window: readiness
 * fails, the probes keep running, the item and trigger changes of the outage are written once it is back, and the
 * trigger pages exactly once.
 */
class ClusterOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private PrivatePostgres pg;
  private ClusterRig rig;

  @AfterEach
  void stop() throws Exception {
    if (rig != null) rig.close();
    if (pg != null) pg.close();
  }

  @Test
  void aThirtySecondDatabaseOutageLosesNothingAndPagesOnce() throws Exception {
    pg = PrivatePostgres.create();
    rig = new ClusterRig(dir, pg.adminUrl(), "postgres", "");
    rig.plan("alpha");
    GoliveProcess r = rig.startReplica();
    ClusterRig.awaitBody(r, "/api/plans/alpha/items/GO-001", b -> b.contains("\"state\":\"done\""));
    assertThat(r.post("/api/plans/alpha/deployments", ClusterRig.TOKEN, "{\"version\":\"5.0.0\"}").statusCode())
        .isEqualTo(201);

    long down = System.nanoTime();
    pg.stop();
    ClusterRig.awaitStatus(r, "/readyz", 503);
    rig.health.put("alpha", 503);
    // the probes keep running on the owner: the trigger fires and the item regresses while the database is down
    ClusterRig.awaitBody(r, "/api/plans/alpha/deployments/current", b -> b.contains("\"state\":\"firing\""));
    ClusterRig.awaitBody(r, "/api/plans/alpha/items", b -> b.contains("\"state\":\"regressed\""));
    ClusterRig.await("the outage to last " + OUTAGE, OUTAGE.plusSeconds(5),
        () -> System.nanoTime() - down >= OUTAGE.toNanos());
    assertThat(r.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(r.get("/metrics").body()).containsPattern("golive_store_buffered_writes [1-9]");
    pg.start();

    ClusterRig.awaitStatus(r, "/readyz", 200);
    ClusterRig.await("one page for alpha", Duration.ofSeconds(60), () -> rig.firing("alpha").size() == 1);
    ClusterRig.await("the held-back changes written", Duration.ofSeconds(60),
        () -> rig.count("select count(*) from trigger_change where plan = 'alpha' and to_state = 'firing'") == 1
            && rig.count("select count(*) from evidence where plan = 'alpha' and item_id = 'GO-001' "
                + "and to_state = 'regressed'") == 1);
    assertThat(rig.count("select count(*) from item_state where plan = 'alpha' and item_id = 'GO-001' "
        + "and state = 'regressed'")).isEqualTo(1);
    assertThat(r.get("/metrics").body()).contains("golive_store_buffered_writes 0.0");
    for (int i = 0; i < 3; i++) {
      String before = ClusterRig.JSON.readTree(r.get("/api/plans/alpha/probes").body()).path(0).path("last")
          .path("startedAt").asText();
      ClusterRig.await("a new result", Duration.ofSeconds(30), () -> !ClusterRig.JSON.readTree(
          r.get("/api/plans/alpha/probes").body()).path(0).path("last").path("startedAt").asText().equals(before));
    }
    assertThat(rig.firing("alpha")).as("pages for alpha").hasSize(1);
    assertThat(r.get("/api/plans/alpha/deployments/current").body()).contains("\"state\":\"firing\"");
  }
}
