package dev.golive.plans.paymentsplatform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private database on the real PostgreSQL named by GOLIVE_TEST_PG_URL / _USER / _PASSWORD, shaped like the
 * payments platform's: tenant tables with row-level security and policies, the WORM audit log, the RPC and advisory
 * lock functions, and an hour of traffic. The plan reads it as {@link #readOnlyUser()}: a login role with SELECT
 * only and BYPASSRLS (a monitoring role must see every tenant's rows to count them). Created by {@link #create()},
 * dropped with its role by {@link #close()}. Blocking.
 */
final class PaymentsDatabase implements AutoCloseable {
  private final String adminUrl;
  private final String user;
  private final String password;
  private final String name;

  private PaymentsDatabase(String adminUrl, String user, String password, String name) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  /** Creates the database with the healthy schema and data; fails clearly when PostgreSQL is not configured. */
  static PaymentsDatabase create() throws SQLException {
    String url = System.getenv("GOLIVE_TEST_PG_URL");
    String user = System.getenv("GOLIVE_TEST_PG_USER");
    String password = System.getenv("GOLIVE_TEST_PG_PASSWORD");
    if (url == null || url.isBlank() || user == null || user.isBlank() || password == null) {
      throw new IllegalStateException("PaymentsPlanIT needs a real PostgreSQL: set GOLIVE_TEST_PG_URL (e.g. "
          + "jdbc:postgresql://127.0.0.1:5432/postgres), GOLIVE_TEST_PG_USER and GOLIVE_TEST_PG_PASSWORD");
    }
    String name = "golive_payments_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PaymentsDatabase db = new PaymentsDatabase(url, user, password, name);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute("create database " + name);
      st.execute("create role " + db.readOnlyUser() + " login bypassrls password '" + db.readOnlyPassword() + "'");
    }
    try {
      db.execute(SCHEMA);
      db.execute(HEALTHY_DATA);
      db.execute("grant connect on database " + name + " to " + db.readOnlyUser(),
          "grant usage on schema public, supabase_migrations to " + db.readOnlyUser(),
          "grant select on all tables in schema public, supabase_migrations to " + db.readOnlyUser(),
          "alter default privileges in schema public grant select on tables to " + db.readOnlyUser());
    } catch (SQLException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** JDBC URL of the private database (the admin URL with its database name replaced). */
  String url() {
    int q = adminUrl.indexOf('?');
    String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
    String query = q < 0 ? "" : adminUrl.substring(q);
    return base.substring(0, base.lastIndexOf('/') + 1) + name + query;
  }

  /** The plan's login: read access only. */
  String readOnlyUser() {
    return name + "_ro";
  }

  String readOnlyPassword() {
    return "ro-" + name.substring(name.length() - 12);
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(), user, password); Statement st = c.createStatement()) {
      for (String s : statements) st.execute(s);
    }
  }

  /** The broken configuration: each statement breaks one claim of the checklist. */
  void breakIt() throws SQLException {
    execute(
        // a new table shipped without row-level security
        "create table public.payout_batches (id text primary key, tenant_id text not null, total numeric)",
        // the CRITICAL advisory-lock RPC pair is only half there
        "drop function public.pg_advisory_unlock(bigint)",
        // a tenant onboarded without its security policy row
        "insert into public.tenants values ('t-umbrella', 'umbrella')",
        "insert into public.payment_provider_configs (tenant_id, provider, credentials_encrypted) values"
            + " ('t-umbrella', 'stripe', 'enc:v1:umbrella')",
        // webhooks failing into the dead-letter queue
        "insert into public.webhook_dead_letters (event_id, error, created_at, resolved)"
            + " select 'evt_' || g, 'signature mismatch', now() - interval '5 minutes', false from generate_series(1, 12) g");
    injectPaymentFailures(30);
  }

  /** Adds {@code n} failed payments (with their audit entries) in the last minutes: the success rate drops. */
  void injectPaymentFailures(int n) throws SQLException {
    execute("with p as (insert into public.payments (id, tenant_id, amount, status, created_at)"
        + " select 'pay_f_' || md5(random()::text), 't-acme', 100, 'failed', now() - interval '2 minutes'"
        + " from generate_series(1, " + n + ") returning id)"
        + " insert into public.audit_logs (tenant_id, actor, action, entity_id, ip, user_agent, request_id, payload)"
        + " select 't-acme', 'edge:create-payment', 'payment.failed', id, '10.0.0.8', 'edge-runtime/1.0',"
        + " 'req-' || id, '{\"action\":\"payment.failed\"}' from p");
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
      st.execute("drop role if exists " + readOnlyUser());
    }
  }

  private static final String[] TABLES = {"tenants", "profiles", "payments", "audit_logs", "webhook_events",
      "webhook_dead_letters", "platform_security_policy", "tenant_security_policies", "payment_provider_configs",
      "alert_rules", "alert_channels", "mfa_challenges", "edge_function_invocations", "rate_limit_events"};

  /** Tables whose rows belong to one tenant: their policy compares tenant_id with the session's tenant. */
  private static final java.util.Set<String> TENANT_TABLES = java.util.Set.of("profiles", "payments",
      "audit_logs", "tenant_security_policies", "payment_provider_configs");

  private static final String[] SCHEMA = schema();

  private static String[] schema() {
    java.util.List<String> s = new java.util.ArrayList<>(java.util.List.of(
        "create schema supabase_migrations",
        "create table supabase_migrations.schema_migrations (version text primary key, name text)",
        "create table public.tenants (id text primary key, name text not null)",
        "create table public.profiles (id text primary key, tenant_id text not null references public.tenants(id),"
            + " role text not null, totp_enabled boolean not null default false)",
        "create index on public.profiles (tenant_id)",
        "create table public.payments (id text primary key, tenant_id text not null references public.tenants(id),"
            + " amount numeric not null, status text not null, created_at timestamptz not null default now())",
        "create index on public.payments (tenant_id)",
        "create table public.audit_logs (id bigserial primary key, tenant_id text, actor text not null,"
            + " action text not null, entity_id text, ip text, user_agent text, request_id text, payload jsonb,"
            + " created_at timestamptz not null default now())",
        "create table public.webhook_events (id text primary key, provider text, status text,"
            + " created_at timestamptz not null default now())",
        "create table public.webhook_dead_letters (id bigserial primary key, event_id text, error text,"
            + " created_at timestamptz not null default now(), resolved boolean not null default false)",
        "create table public.platform_security_policy (id int primary key, audit_log_retention_days int,"
            + " data_retention_days int)",
        "create table public.tenant_security_policies (tenant_id text primary key references public.tenants(id),"
            + " require_2fa_for_admins boolean not null default true, require_2fa_for_payments boolean not null"
            + " default true, step_up_window_minutes int not null default 10)",
        "create table public.payment_provider_configs (id bigserial primary key, tenant_id text not null"
            + " references public.tenants(id), provider text not null, credentials_encrypted text)",
        "create index on public.payment_provider_configs (tenant_id)",
        "create table public.alert_rules (id bigserial primary key, name text, enabled boolean not null)",
        "create table public.alert_channels (id bigserial primary key, channel_type text, enabled boolean not null)",
        "create table public.mfa_challenges (id bigserial primary key, user_id text, verified boolean not null,"
            + " created_at timestamptz not null default now())",
        "create table public.edge_function_invocations (id bigserial primary key, function_name text,"
            + " status int not null, created_at timestamptz not null default now())",
        "create table public.rate_limit_events (id bigserial primary key, key text, rejected boolean not null,"
            + " created_at timestamptz not null default now())",
        "create function public.current_tenant_id() returns text language sql stable as"
            + " $$ select nullif(current_setting('app.tenant_id', true), '') $$",
        "create function public.has_tenant_role(wanted text) returns boolean language sql stable as"
            + " $$ select exists (select 1 from public.profiles p where p.tenant_id = public.current_tenant_id()"
            + " and p.role = wanted) $$",
        "create function public.log_audit_event(action text, entity text) returns void language plpgsql as"
            + " $$ begin insert into public.audit_logs (tenant_id, actor, action, entity_id)"
            + " values (public.current_tenant_id(), current_user, action, entity); end $$",
        "create function public.prevent_audit_mutation() returns trigger language plpgsql as"
            + " $$ begin raise exception 'audit_logs is append-only'; end $$",
        "create trigger audit_logs_no_update before update on public.audit_logs for each row"
            + " execute function public.prevent_audit_mutation()",
        "create trigger audit_logs_no_delete before delete on public.audit_logs for each row"
            + " execute function public.prevent_audit_mutation()",
        // the checklist's advisory lock RPC functions (calling the built-ins explicitly)
        "create function public.pg_try_advisory_lock(lock_id bigint) returns boolean language plpgsql"
            + " security definer as $$ begin return pg_catalog.pg_try_advisory_lock(lock_id); end $$",
        "create function public.pg_advisory_unlock(lock_id bigint) returns boolean language plpgsql"
            + " security definer as $$ begin return pg_catalog.pg_advisory_unlock(lock_id); end $$"));
    for (String t : TABLES) {
      s.add("alter table public." + t + " enable row level security");
      String using = t.equals("tenants") ? "id = public.current_tenant_id()"
          : TENANT_TABLES.contains(t) ? "tenant_id = public.current_tenant_id()" : "current_user <> 'anon'";
      s.add("create policy tenant_isolation on public." + t + " using (" + using + ")");
    }
    return s.toArray(String[]::new);
  }

  private static final String[] HEALTHY_DATA = {
      "insert into supabase_migrations.schema_migrations values ('20251001120000', 'init'),"
          + " ('20251022093000', 'advisory_lock_rpc')",
      "insert into public.tenants values ('t-acme', 'acme'), ('t-globex', 'globex'), ('t-initech', 'initech')",
      "insert into public.profiles values ('u-root', 't-acme', 'super_admin', true), ('u-owner', 't-acme', 'owner',"
          + " true), ('u-admin', 't-acme', 'admin', true), ('u-member', 't-acme', 'member', false)",
      "insert into public.tenant_security_policies (tenant_id) values ('t-acme'), ('t-globex'), ('t-initech')",
      "insert into public.payment_provider_configs (tenant_id, provider, credentials_encrypted) values"
          + " ('t-acme', 'stripe', 'enc:v1:a'), ('t-globex', 'stripe', 'enc:v1:g'), ('t-initech', 'paypal', 'enc:v1:i')",
      "insert into public.platform_security_policy values (1, 2555, 365)",
      "insert into public.alert_rules (name, enabled) values ('payment-failure-spike', true),"
          + " ('webhook-dlq-growing', true)",
      "insert into public.alert_channels (channel_type, enabled) values ('email', true), ('webhook', true)",
      "insert into public.payments (id, tenant_id, amount, status, created_at) select 'pay_' || g,"
          + " (array['t-acme','t-globex','t-initech'])[1 + g % 3], 100 + g, case when g % 50 = 0 then 'failed'"
          + " else 'succeeded' end, now() - (g || ' seconds')::interval from generate_series(1, 100) g",
      "insert into public.audit_logs (tenant_id, actor, action, entity_id, ip, user_agent, request_id, payload,"
          + " created_at) select tenant_id, 'edge:create-payment', 'payment.' || status, id, '10.0.0.8',"
          + " 'edge-runtime/1.0', 'req-' || id, jsonb_build_object('action', 'payment.' || status, 'amount', amount,"
          + " 'card', '**** 4242'), created_at from public.payments",
      "insert into public.webhook_events select 'evt_ok_' || g, 'stripe', 'processed', now() - interval '3 minutes'"
          + " from generate_series(1, 20) g",
      "insert into public.webhook_dead_letters (event_id, error, created_at, resolved) values"
          + " ('evt_old', 'timeout', now() - interval '3 days', true)",
      "insert into public.mfa_challenges (user_id, verified, created_at) select 'u-admin', g % 10 <> 0,"
          + " now() - interval '1 hour' from generate_series(1, 30) g",
      "insert into public.edge_function_invocations (function_name, status, created_at) select 'create-payment',"
          + " 200, now() - interval '1 minute' from generate_series(1, 100) g",
      "insert into public.rate_limit_events (key, rejected, created_at) select 'ip:203.0.113.' || g, true,"
          + " now() - interval '10 minutes' from generate_series(1, 5) g",
  };
}
