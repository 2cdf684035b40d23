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

create trigger item_state_fence before insert or update on item_state
  for each row execute function golive_fence();
create trigger evidence_fence before insert or update on evidence
  for each row execute function golive_fence();
create trigger deployment_fence before insert or update on deployment
  for each row execute function golive_fence();
create trigger trigger_change_fence before insert or update on trigger_change
  for each row execute function golive_fence();
create trigger window_hold_fence before insert or update on window_hold
  for each row execute function golive_fence();
create trigger alert_outbox_fence before insert or update on alert_outbox
  for each row execute function golive_fence();
