-- Several replicas on one store: the replicas, the plan leases, and a unique chain per outbox lane so that two
-- writers can never both append the next alert of the same incident. Portable between H2 and PostgreSQL.
create table replica (
  id           varchar(100)  not null primary key,
  host         varchar(300)  not null,
  pid          bigint        not null,
  url          varchar(1000) not null,
  started_at   timestamp with time zone not null,
  heartbeat_at timestamp with time zone not null
);

-- One row per plan: its owner, a fencing token bumped on every change of owner, and an expiry on the database clock.
create table plan_lease (
  plan       varchar(200) not null primary key,
  owner      varchar(100) not null,
  token      bigint       not null,
  expires_at timestamp with time zone not null
);

-- prev_id: the id of the lane's previous row (0 for the first). Two rows can never follow the same one.
alter table alert_outbox add column prev_id bigint;
create unique index alert_outbox_chain on alert_outbox (plan, receiver, dedup_key, prev_id);
