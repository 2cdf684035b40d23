package dev.golive.metrics;

import java.util.List;

/**
 * Every metric golive exports, as Prometheus sees it. Dashboards and alert rules in {@code deploy/} may reference
 * only these (a test checks it). Per-item and per-probe series are few: see {@link #ITEM_STATE}.
 */
public final class MetricNames {
  private MetricNames() {}

  /** 1 when the plan's required gates all pass (Go), else 0. Labels: plan. */
  public static final String PLAN_GO = "golive_plan_go";
  /** 1 when every item of the gate is done. Labels: plan, gate, required. */
  public static final String GATE_PASSED = "golive_gate_passed";
  /**
   * 1, with the item's current state as label: one series per item (the other states are absent, not 0; per-plan
   * counts are {@link #ITEMS}). Labels: plan, item, state.
   */
  public static final String ITEM_STATE = "golive_item_state";
  /** Number of items in each state. Labels: plan, state. */
  public static final String ITEMS = "golive_items";
  /** 1 when the probe's last run passed. Labels: plan, probe, kind. */
  public static final String PROBE_SUCCESS = "golive_probe_success";
  /** How long the probe's last run took (a gauge). Labels: plan, probe. */
  public static final String PROBE_DURATION = "golive_probe_duration_seconds";
  /** Probe runs by result (pass, fail, error). Labels: plan, probe, result. */
  public static final String PROBE_RUNS = "golive_probe_runs_total";
  /** When the probe last completed. Labels: plan, probe. */
  public static final String PROBE_LAST_RUN = "golive_probe_last_run_timestamp_seconds";
  /** How late probe runs start against their schedule (histogram, few buckets). Labels: plan. */
  public static final String SCHEDULE_LAG = "golive_probe_schedule_lag_seconds";
  /**
   * Runs that did not pass while golive was overloaded, so prove nothing about the target. Labels: plan, reason
   * (started_late, loop_stalled).
   */
  public static final String PROBE_INCONCLUSIVE = "golive_probe_inconclusive_total";
  /** Seconds until the certificate a tls probe saw expires (negative when expired). Labels: plan, probe. */
  public static final String CERT_EXPIRY = "golive_certificate_expiry_seconds";
  /** 1 while a rollback trigger fires. Labels: plan, trigger, severity. */
  public static final String TRIGGER_FIRING = "golive_trigger_firing";
  /** 1 while a post-deploy window is open. Labels: plan, window. */
  public static final String WINDOW_ACTIVE = "golive_window_active";
  /** 1 for the plan's current deployment. Labels: plan, version, deployment. */
  public static final String DEPLOYMENT_INFO = "golive_deployment_info";
  /** When the current deployment was marked. Labels: plan. */
  public static final String DEPLOYMENT_TIME = "golive_deployment_timestamp_seconds";
  /** Alert deliveries by result (delivered, failed, retried). Labels: receiver, result. */
  public static final String ALERTS_SENT = "golive_alert_deliveries_total";
  /** Alerts stored but not yet delivered. Labels: receiver. */
  public static final String OUTBOX_PENDING = "golive_outbox_pending";
  /** Always 1; labels carry the version. Labels: version. */
  public static final String BUILD_INFO = "golive_build_info";
  /** Number of loaded plans. */
  public static final String PLANS = "golive_plans";
  /** Live replicas of the cluster as this replica last saw them (PostgreSQL store only). */
  public static final String CLUSTER_REPLICAS = "golive_cluster_replicas";
  /** 1 on the replica that owns the plan (exported by the owner only). Labels: plan, replica. */
  public static final String PLAN_OWNER = "golive_plan_owner";
  /** State changes held back while the store is unreachable, written when it is back. */
  public static final String BUFFERED_WRITES = "golive_store_buffered_writes";

  /** Every golive_ metric family name as exposed (counters with _total, summaries as their base name). */
  public static final List<String> ALL = List.of(PLAN_GO, GATE_PASSED, ITEM_STATE, ITEMS, PROBE_SUCCESS,
      PROBE_DURATION, PROBE_RUNS, PROBE_LAST_RUN, SCHEDULE_LAG, PROBE_INCONCLUSIVE, CERT_EXPIRY, TRIGGER_FIRING,
      WINDOW_ACTIVE, DEPLOYMENT_INFO, DEPLOYMENT_TIME, ALERTS_SENT, OUTBOX_PENDING, BUILD_INFO, PLANS, CLUSTER_REPLICAS,
      PLAN_OWNER, BUFFERED_WRITES);
}
