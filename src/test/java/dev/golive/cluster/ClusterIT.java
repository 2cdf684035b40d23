package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.golive.cli.GoliveProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real {@code golive run} processes on one PostgreSQL database (the shared server of .ci/run, a database of
 * the test's own): plans spread over the replicas, any replica answers for every plan, a killed owner's plans fail
 * over within 15 s without a second page, and a paused owner that lost its lease can neither write nor page.
 */
class ClusterIT {
  private static final List<String> PLANS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private ClusterRig rig;

  @AfterEach
  void stop() throws Exception {
    if (rig != null) rig.close();
  }

  @Test
  void threeReplicasShareThePlansFailOverWithinSecondsAndPageOnce() throws Exception {
    rig = ClusterRig.onSharedServer(dir);
    for (String p : PLANS) rig.plan(p);
    GoliveProcess r1 = rig.startReplica();
    GoliveProcess r2 = rig.startReplica();
    GoliveProcess r3 = rig.startReplica();
    List<GoliveProcess> all = List.of(r1, r2, r3);

    // spread: two plans each, every replica sees the same owners
    ClusterRig.await("every replica owns two plans", Duration.ofSeconds(60), () -> spread(r1, 3, 2));
    // each replica's view of the owners is at most one renewal (2 s) old: they agree soon after
    ClusterRig.await("every replica sees the same owners", Duration.ofSeconds(10), () -> {
      for (GoliveProcess r : all) {
        for (String p : PLANS) {
          if (rig.owner(r, p) == null || !rig.owner(r, p).equals(rig.owner(r1, p))) return false;
        }
      }
      return true;
    });
    assertThat(r2.get("/metrics").body()).contains("golive_cluster_replicas 3.0");

    // a deployment marked on replica 1 is current on 2 and 3 at once, whoever owns the plan
    assertThat(r1.post("/api/plans/alpha/deployments", ClusterRig.TOKEN, "{\"version\":\"2.0.0\"}").statusCode())
        .isEqualTo(201);
    for (GoliveProcess r : all) {
      assertThat(r.get("/api/plans/alpha/deployments/current").body()).contains("\"version\":\"2.0.0\"");
    }
    // every replica lists every plan with its owner; per-plan metrics come from the owner alone
    for (GoliveProcess r : all) {
      JsonNode list = ClusterRig.JSON.readTree(r.get("/api/plans").body());
      assertThat(list).hasSize(PLANS.size());
      list.forEach(p -> assertThat(p.path("owner").asText()).isNotBlank());
    }
    long exported = 0;
    for (GoliveProcess r : all) {
      exported += r.get("/metrics").body().lines().filter(l -> l.startsWith("golive_plan_go{plan=\"alpha\"")).count();
    }
    assertThat(exported).as("golive_plan_go of alpha across the cluster").isEqualTo(1);

    // alpha's trigger fires: one page
    rig.health.put("alpha", 503);
    ClusterRig.awaitBody(r2, "/api/plans/alpha/deployments/current", b -> b.contains("\"state\":\"firing\""));
    ClusterRig.await("one page for alpha", Duration.ofSeconds(60), () -> rig.firing("alpha").size() == 1);

    // kill -9 the owner: another replica owns alpha within 15 s, still firing, nobody paged again
    String owner = rig.owner(r1, "alpha");
    GoliveProcess victim = byId(all, owner);
    List<GoliveProcess> survivors = all.stream().filter(r -> r != victim).toList();
    victim.kill9();
    Duration failover = ClusterRig.await("a survivor owns alpha", Duration.ofSeconds(30), () -> {
      String now = rig.owner(survivors.get(0), "alpha");
      return now != null && !now.equals(owner) && survivors.get(0).get("/api/plans/alpha/deployments/current")
          .statusCode() == 200;
    });
    // the other survivor's view of the owners is at most one renewal (2 s) older
    ClusterRig.await("both survivors answer for alpha", Duration.ofSeconds(10), () -> survivors.get(1)
        .get("/api/plans/alpha/deployments/current").statusCode() == 200);
    System.out.println("FAILOVER alpha after kill -9: " + failover.toMillis() + " ms");
    assertThat(failover).as("failover time").isLessThan(FAILOVER_LIMIT);
    for (GoliveProcess r : survivors) {
      assertThat(r.get("/api/plans/alpha/deployments/current").body()).contains("\"version\":\"2.0.0\"")
          .contains("\"state\":\"firing\"");
    }
    ClusterRig.await("all six plans owned by the survivors", Duration.ofSeconds(30), () -> spread(survivors.get(0), 2,
        3));
    awaitNewResults(survivors.get(0), "alpha", 3);
    assertThat(rig.firing("alpha")).as("pages for alpha after the failover").hasSize(1);

    // the killed replica comes back: the plans re-spread over three, still one page
    GoliveProcess back = rig.startReplica();
    List<GoliveProcess> again = List.of(survivors.get(0), survivors.get(1), back);
    ClusterRig.await("plans re-spread over three replicas", Duration.ofSeconds(60), () -> spread(back, 3, 2));
    String alphaOwner = rig.owner(back, "alpha");
    awaitNewResults(byId(again, alphaOwner), "alpha", 3);
    assertThat(back.get("/api/plans/alpha/deployments/current").body()).contains("\"state\":\"firing\"");
    assertThat(rig.firing("alpha")).as("pages for alpha after the rebalance").hasSize(1);
    assertThat(rig.alerts).as("no other page at all").hasSize(1);
    assertThat(rig.count("select count(*) from trigger_change where plan = 'alpha' and to_state = 'firing'"))
        .as("alpha's trigger changes: %s", rig.text("select string_agg(from_state || '>' || to_state || ' x'"
            + " || consecutive || ' ' || coalesce(note, ''), '; ' order by id) from trigger_change where plan = 'alpha'"))
        .isEqualTo(1);
  }

  @Test
  void aPausedOwnerThatLostItsLeaseCanNeitherWriteNorPage() throws Exception {
    rig = ClusterRig.onSharedServer(dir);
    for (String p : List.of("alpha", "bravo")) rig.plan(p);
    GoliveProcess r1 = rig.startReplica();
    GoliveProcess r2 = rig.startReplica();
    List<GoliveProcess> all = List.of(r1, r2);
    ClusterRig.await("one plan each", Duration.ofSeconds(60), () -> spread(r1, 2, 1));
    assertThat(r1.post("/api/plans/alpha/deployments", ClusterRig.TOKEN, "{\"version\":\"3.1.0\"}").statusCode())
        .isEqualTo(201);
    String owner = rig.owner(r1, "alpha");
    GoliveProcess paused = byId(all, owner);
    GoliveProcess other = all.stream().filter(r -> r != paused).findFirst().orElseThrow();
    ClusterRig.awaitBody(other, "/api/plans/alpha/items/GO-001", b -> b.contains("\"state\":\"done\""));
    long token = tokenOf(other, "alpha");
    String otherId = rig.cluster(other).path("replica").asText();

    paused.signal("STOP");
    rig.health.put("alpha", 503);
    ClusterRig.await("the other replica owns alpha", Duration.ofSeconds(30),
        () -> other.get("/api/plans/alpha/deployments/current").statusCode() == 200
            && otherId.equals(rig.owner(other, "alpha")));
    assertThat(tokenOf(other, "alpha")).as("a new fencing token").isGreaterThan(token);
    ClusterRig.await("one page for alpha", Duration.ofSeconds(60), () -> rig.firing("alpha").size() == 1);
    // while it is paused, the database refuses its writes: its connections name it, the lease the other replica
    try (Connection c = DriverManager.getConnection(rig.storeUrl, rig.user, rig.password);
         Statement s = c.createStatement()) {
      s.execute("select set_config('golive.replica', '" + owner + "', false)");
      Assertions.assertThatThrownBy(() -> s.executeUpdate("insert into trigger_change (plan, deployment_id, "
              + "trigger_id, at_ms, from_state, to_state, consecutive, dry_run) "
              + "values ('alpha', 'x', 'health-down', 1, 'ok', 'firing', 2, false)"))
          .isInstanceOf(SQLException.class).hasMessageContaining("golive fencing");
    }

    paused.signal("CONT");
    ClusterRig.await("the old owner notices", Duration.ofSeconds(30),
        () -> paused.output().contains("lost the lease of alpha"));
    awaitNewResults(other, "alpha", 3);
    assertThat(rig.firing("alpha")).as("pages for alpha").hasSize(1);
    System.out.println("PAUSED owner's refused writes: "
        + paused.output().lines().filter(l -> l.contains("golive fencing")).count());
    assertThat(rig.count("select count(*) from trigger_change where plan = 'alpha' and to_state = 'firing'"))
        .isEqualTo(1);
    assertThat(paused.get("/api/plans/alpha/deployments/current").body()).contains("\"state\":\"firing\"");
  }

  /** True when {@code n} live replicas own every plan, {@code each} apiece, as {@code seer} sees it. */
  private boolean spread(GoliveProcess seer, int n, int each) throws Exception {
    JsonNode c = rig.cluster(seer);
    Map<String, Integer> owned = new HashMap<>();
    int valid = 0;
    for (JsonNode o : c.path("plans")) {
      if (!o.path("valid").asBoolean()) return false;
      owned.merge(o.path("owner").asText(), 1, Integer::sum);
      valid++;
    }
    return valid == rig.planDirs.size() && owned.size() == n && owned.values().stream().allMatch(v -> v == each);
  }

  private GoliveProcess byId(List<GoliveProcess> replicas, String id) throws Exception {
    for (GoliveProcess r : replicas) {
      if (r.process().isAlive() && rig.cluster(r).path("replica").asText().equals(id)) return r;
    }
    throw new AssertionError("no running replica " + id);
  }

  private long tokenOf(GoliveProcess seer, String plan) throws Exception {
    for (JsonNode o : rig.cluster(seer).path("plans")) {
      if (o.path("plan").asText().equals(plan)) return o.path("token").asLong();
    }
    return -1;
  }

  /** Waits until the plan's health probe completed {@code n} more runs (read through {@code seer}). */
  private void awaitNewResults(GoliveProcess seer, String plan, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      String before = lastRun(seer, plan);
      ClusterRig.await("a new result of " + plan, Duration.ofSeconds(30), () -> !lastRun(seer, plan).equals(before));
    }
  }

  private static String lastRun(GoliveProcess seer, String plan) throws Exception {
    return ClusterRig.JSON.readTree(seer.get("/api/plans/" + plan + "/probes").body()).path(0).path("last")
        .path("startedAt").asText();
  }
}
