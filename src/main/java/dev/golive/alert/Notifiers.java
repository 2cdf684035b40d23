package dev.golive.alert;

import dev.golive.alert.notify.Receivers;
import dev.golive.config.NotifierConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Builds the daemon's alert outbox from each plan's {@code notify:} list. */
public final class Notifiers {
  private Notifiers() {}

  /** {@link #outbox(Vertx, DataSource, WorkerExecutor, MeterRegistry, Map, String, Backoff)} with default back-off. */
  public static Outbox outbox(Vertx vertx, DataSource dataSource, WorkerExecutor storeWorkers, MeterRegistry registry,
      Map<String, List<NotifierConfig>> notifierConfigsByPlan, String publicUrl) {
    return outbox(vertx, dataSource, storeWorkers, registry, notifierConfigsByPlan, publicUrl, Backoff.DEFAULT);
  }

  /**
   * One outbox for every plan (it routes by {@link Alert#plan()}); not started: call {@link Outbox#start()} once
   * the store is open. Receivers are named by their {@code name} setting, else their type ({@code slack},
   * {@code slack-2} for a second one in the same plan).
   *
   * @param publicUrl golive's externally reachable base URL for evidence links, or null
   * @throws IllegalArgumentException when a notifier's settings are unusable (message names the setting only)
   */
  public static Outbox outbox(Vertx vertx, DataSource dataSource, WorkerExecutor storeWorkers, MeterRegistry registry,
      Map<String, List<NotifierConfig>> notifierConfigsByPlan, String publicUrl, Backoff backoff) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("golive")
        .setConnectTimeout(5_000).setFollowRedirects(false));
    try {
      Map<String, List<Notifier>> byPlan = new LinkedHashMap<>();
      notifierConfigsByPlan.forEach((plan, configs) -> {
        List<Notifier> list = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NotifierConfig c : configs) {
          String base = c.settings().getOrDefault("name", c.type());
          int n = seen.merge(base, 1, Integer::sum);
          String name = n == 1 ? base : base + "-" + n;
          try {
            list.add(Receivers.create(client, c, name, publicUrl));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plan " + plan + ": " + e.getMessage(), e);
          }
        }
        byPlan.put(plan, list);
      });
      return new Outbox(vertx, dataSource, storeWorkers, registry, byPlan, backoff, List.of(client::close));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
