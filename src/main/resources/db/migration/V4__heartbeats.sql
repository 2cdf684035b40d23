-- The last ping of every heartbeat probe, so a restart keeps it. Portable between H2 and PostgreSQL.
create table heartbeat_ping (
  plan      varchar(200)  not null,
  probe_id  varchar(200)  not null,
  at_ms     bigint        not null,
  ok        boolean       not null,
  message   varchar(1000) not null,
  pings     bigint        not null,
  primary key (plan, probe_id)
);
