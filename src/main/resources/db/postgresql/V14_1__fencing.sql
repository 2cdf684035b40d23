-- Fencing (PostgreSQL only): a replica names itself on each connection (golive.replica); a row of a plan may then be
-- written only while that replica holds the plan's unexpired lease, checked on the database clock. The lease row is
-- locked FOR SHARE until the write commits, so a takeover (which updates the lease row) waits for it: a write is
-- either committed before the new owner starts or refused. Connections that name no replica (tools) are not fenced.
create or replace function golive_fence() returns trigger language plpgsql as $$
declare
  me text := current_setting('golive.replica', true);
begin
  if me is null or me = '' then
    return new;
  end if;
  perform 1 from plan_lease where plan = new.plan and owner = me and expires_at > now() for share;
  if not found then
    raise exception 'golive fencing: replica % does not hold the lease of plan %', me, new.plan
      using errcode = 'GL001';
  end if;
  return new;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['item_state', 'evidence', 'deployment', 'trigger_change', 'window_hold', 'alert_outbox']
  loop
    execute format('create trigger %I before insert or update on %I for each row execute function golive_fence()',
                   t || '_fence', t);
  end loop;
end $$;
